import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { formatDate } from '../format';
import { useDebounced, useDocumentTitle, usePaged } from '../hooks';
import { fieldErrors } from '../ui/forms';
import { DataTable, type Column } from './DataTable';
import { LocalitySelects, type Locality } from './LocalitySelects';
import { CursorList } from './CursorList';

export const COOPERATIVE_STATUSES = ['submitted', 'approved', 'rejected', 'suspended', 'draft'] as const;
type Status = (typeof COOPERATIVE_STATUSES)[number];
type Summary = Schemas['CooperativeSummaryDto'];

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.statuses' });
  return <span className={`status status-${status}`}>{t(status)}</span>;
}

/** The cooperatives waiting for the Department first; filters in the URL like the overview's. */
export function ReviewQueuePage() {
  const { t, i18n } = useTranslation(undefined, { keyPrefix: 'department.review' });
  const { t: tr } = useTranslation();
  useDocumentTitle(t('title'));
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? 'submitted') as Status | '';
  const locality: Locality = { formerDistrictCode: params.get('formerDistrictCode') || undefined, wardCode: params.get('wardCode') || undefined };
  const [typed, setTyped] = useState(params.get('q') ?? '');
  const q = useDebounced(typed.trim(), 300);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(name);
      else next.set(name, value);
    }
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) update({ q: q || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  const query = {
    ...(status ? { status } : {}),
    ...(locality.formerDistrictCode ? { formerDistrictCode: locality.formerDistrictCode } : {}),
    ...(locality.wardCode ? { wardCode: locality.wardCode } : {}),
    ...(q ? { q } : {}),
    limit: 25,
  };
  const key = JSON.stringify(query);

  const list = usePaged((cursor) => api.GET('/api/v1/admin/cooperatives', { params: { query: { ...query, cursor } } }), [key]);

  const errors = fieldErrors(list.error);
  const columns: Column<Summary>[] = [
    { key: 'name', label: t('name'), value: (c) => c.name, render: (c) => <Link to={`/department/cooperatives/${c.id}`}>{c.name}</Link> },
    { key: 'taxCode', label: t('taxCode'), value: (c) => c.taxCode },
    { key: 'place', label: t('place'), value: (c) => c.wardName },
    { key: 'status', label: t('status'), value: (c) => c.status, render: (c) => <StatusBadge status={c.status} /> },
    { key: 'createdAt', label: t('registeredAt'), value: (c) => c.createdAt, render: (c) => formatDate(c.createdAt, i18n.language) },
  ];

  return (
    <section>
      <h1>{t('title')}</h1>
      <form className="review-filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('status')}
          <select value={status} onChange={(e) => update({ status: e.target.value })} aria-invalid={errors.status ? true : undefined}>
            <option value="">{t('anyStatus')}</option>
            {COOPERATIVE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {tr(`department.statuses.${s}`)}
              </option>
            ))}
          </select>
          {errors.status && <span className="field-error">{errors.status}</span>}
        </label>
        <LocalitySelects
          value={locality}
          onChange={(next) => update({ formerDistrictCode: next.formerDistrictCode, wardCode: next.wardCode })}
          errors={errors}
        />
        <label>
          {t('search')}
          <input
            type="search"
            value={typed}
            placeholder={t('searchPlaceholder')}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={errors.q ? true : undefined}
          />
          {errors.q && <span className="field-error">{errors.q}</span>}
        </label>
      </form>
      <CursorList list={list} more={t('more')}>
        {(items) => <DataTable caption={t('title')} columns={columns} rows={items} rowKey={(c) => c.id} empty={t('none')} />}
      </CursorList>
    </section>
  );
}
