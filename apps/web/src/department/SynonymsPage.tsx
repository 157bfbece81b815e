import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorOf, type ApiError, type Schemas } from '../api/client';
import { useDocumentTitle, usePaged } from '../hooks';
import { ErrorState } from '../ui/bits';
import { Field, fieldErrors } from '../ui/forms';
import { CursorList } from './CursorList';

type Synonym = Schemas['SearchSynonymDto'];

/** The words buyers type that the catalog says differently ("fish sauce" → nước mắm): the search reads them on every query. */
export function SynonymsPage() {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.synonyms' });
  useDocumentTitle(t('title'));
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const list = usePaged(
    (cursor) => api.GET('/api/v1/admin/search-synonyms', { params: { query: { limit: 50, ...(search ? { q: search } : {}), ...(cursor ? { cursor } : {}) } } }),
    [search],
  );
  const changed = (message: string) => {
    setDone(message);
    list.reload();
  };

  return (
    <section>
      <h1>{t('title')}</h1>
      <p className="muted">{t('lead')}</p>
      <SynonymForm onSaved={(s) => changed(t('added', { term: s.term, means: s.means }))} />
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <form
        className="synonym-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(q.trim());
        }}
      >
        <Field label={t('find')} name="synonym-find" value={q} onChange={(e) => setQ(e.target.value)} maxLength={60} />
        <button type="submit" className="button secondary">
          {t('findButton')}
        </button>
      </form>
      <CursorList list={list} more={t('more')}>
        {(items) =>
          items.length === 0 ? (
            <p className="empty">{t('none')}</p>
          ) : (
            <ul className="synonym-list">
              {items.map((synonym) => (
                <SynonymRow key={synonym.id} synonym={synonym} onChanged={changed} />
              ))}
            </ul>
          )
        }
      </CursorList>
    </section>
  );
}

/** One row: read, edit in place, or remove after a confirmation. */
function SynonymRow({ synonym, onChanged }: { synonym: Synonym; onChanged: (message: string) => void }) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.synonyms' });
  const { t: tr } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const remove = async () => {
    if (!window.confirm(t('confirmRemove', { term: synonym.term }))) return;
    const { error: failure, response } = await api
      .DELETE('/api/v1/admin/search-synonyms/{id}', { params: { path: { id: synonym.id } } })
      .catch(() => ({ error: null, response: null }));
    if (response?.status === 204) onChanged(t('removed', { term: synonym.term }));
    else setError(errorOf(failure, tr('errors.network')));
  };
  if (editing) {
    return (
      <li className="synonym-row">
        <SynonymForm
          synonym={synonym}
          onSaved={(s) => {
            setEditing(false);
            onChanged(t('saved', { term: s.term, means: s.means }));
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="synonym-row">
      <span className="synonym-pair">
        <strong lang="und">{synonym.term}</strong> → <span>{synonym.means}</span>
      </span>
      <span className="synonym-actions">
        <button type="button" className="link-button" onClick={() => setEditing(true)} aria-label={t('editLabel', { term: synonym.term })}>
          {t('edit')}
        </button>
        <button type="button" className="link-button danger" onClick={() => void remove()} aria-label={t('removeLabel', { term: synonym.term })}>
          {t('remove')}
        </button>
      </span>
      {error && <ErrorState error={error} />}
    </li>
  );
}

/** Add a synonym, or change one; the API's field errors beside the fields. */
function SynonymForm({ synonym, onSaved, onCancel }: { synonym?: Synonym; onSaved: (s: Synonym) => void; onCancel?: () => void }) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.synonyms' });
  const { t: tr } = useTranslation();
  const [term, setTerm] = useState(synonym?.term ?? '');
  const [means, setMeans] = useState(synonym?.means ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { term, means };
      const { data, error: failure } = synonym
        ? await api.PUT('/api/v1/admin/search-synonyms/{id}', { params: { path: { id: synonym.id } }, body })
        : await api.POST('/api/v1/admin/search-synonyms', { body });
      if (!data) return setError(errorOf(failure, tr('errors.network')));
      if (!synonym) {
        setTerm('');
        setMeans('');
      }
      onSaved(data);
    } catch {
      setError(errorOf(null, tr('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(error, { term: t('term'), means: t('means') });
  const prefix = synonym ? `synonym-${synonym.id}` : 'synonym-new';
  return (
    <form className="synonym-form panel" onSubmit={(e) => void save(e)} noValidate>
      <Field
        label={t('term')}
        hint={t('termHint')}
        name={`${prefix}-term`}
        value={term}
        onChange={(e) => setTerm(e.target.value)}
        maxLength={60}
        error={errors.term}
      />
      <Field
        label={t('means')}
        hint={t('meansHint')}
        name={`${prefix}-means`}
        value={means}
        onChange={(e) => setMeans(e.target.value)}
        maxLength={60}
        error={errors.means}
      />
      {error && !errors.term && !errors.means && <ErrorState error={error} />}
      <p className="synonym-buttons">
        <button type="submit" className="button" disabled={busy}>
          {synonym ? t('save') : t('add')}
        </button>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </p>
    </form>
  );
}
