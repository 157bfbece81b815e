import { api } from '../api/client';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format';
import { type AuditEntry } from './api';
import { usePaged } from '../hooks';
import { CursorList } from './CursorList';
import { DataTable, type Column } from './DataTable';

/** Who did what to a cooperative and when, newest first, as the audit log recorded it. */
export function AuditTrail({ cooperativeId }: { cooperativeId: string }) {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department' });
  const list = usePaged(
    (cursor) => api.GET('/api/v1/admin/audit', { params: { query: { cooperativeId, limit: 20, ...(cursor ? { cursor } : {}) } } }),
    [cooperativeId],
  );
  const who = (entry: AuditEntry) => {
    const roles = entry.actorRoles.map((role) => t(`roles.${role}`)).join(', ');
    if (!entry.actorUserId && !entry.actorName) return t('audit.system');
    return entry.actorName ? `${entry.actorName}${roles ? ` (${roles})` : ''}` : roles;
  };
  const columns: Column<AuditEntry>[] = [
    { key: 'at', label: t('audit.at'), value: (e) => e.occurredAt, render: (e) => formatDateTime(e.occurredAt, i18n.language) },
    { key: 'who', label: t('audit.who'), value: who },
    { key: 'action', label: t('audit.action'), value: (e) => e.action, render: (e) => <code>{e.action}</code> },
    {
      key: 'target',
      label: t('audit.target'),
      value: (e) => `${e.entity} ${e.entityId}`,
      render: (e) => `${t(`audit.entities.${e.entity}`, { defaultValue: e.entity })} ${e.entityId.slice(0, 8)}`,
    },
  ];
  return (
    <section className="dept-panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit.title')}</h2>
      <CursorList list={list} more={t('review.more')}>
        {(items) => <DataTable caption={t('audit.title')} columns={columns} rows={items} rowKey={(e) => e.id} empty={t('audit.none')} />}
      </CursorList>
    </section>
  );
}
