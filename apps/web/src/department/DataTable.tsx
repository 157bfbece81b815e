import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  key: string;
  label: string;
  /** What the column sorts by; also what it shows unless `render` says otherwise. */
  value: (row: T) => string | number | null;
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Rows per page; without it every row given is shown (the caller pages with the API's cursor). */
  pageSize?: number;
  empty?: string;
}

type Sort = { key: string; descending: boolean } | null;

const collator = new Intl.Collator('vi');

/**
 * A table that sorts by any column (the rows keep the API's order until a header is pressed) and
 * pages on the device; wide tables scroll inside their own box so a phone's page never does.
 */
export function DataTable<T>({ caption, columns, rows, rowKey, pageSize, empty }: DataTableProps<T>) {
  const { t } = useTranslation(undefined, { keyPrefix: 'department.common' });
  const [sort, setSort] = useState<Sort>(null);
  const [page, setPage] = useState(0);

  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort?.key);
    if (!column || !sort) return rows;
    const compare = (a: T, b: T) => {
      const x = column.value(a);
      const y = column.value(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return sort.descending ? -order : order;
    };
    return [...rows].sort(compare);
  }, [rows, columns, sort]);

  const pages = pageSize ? Math.max(1, Math.ceil(sorted.length / pageSize)) : 1;
  const current = Math.min(page, pages - 1);
  const shown = pageSize ? sorted.slice(current * pageSize, (current + 1) * pageSize) : sorted;

  const sortBy = (key: string) => {
    setSort((s) => (s?.key === key ? { key, descending: !s.descending } : { key, descending: columns.find((c) => c.key === key)?.numeric ?? false }));
    setPage(0);
  };

  return (
    <div className="dept-table">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? 'numeric' : undefined}
                  aria-sort={sort?.key === column.key ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  <button type="button" className="sort-button" onClick={() => sortBy(column.key)} title={t('sortBy', { column: column.label })}>
                    {column.label}
                    <span aria-hidden="true" className="sort-mark">
                      {sort?.key === column.key ? (sort.descending ? '▼' : '▲') : '↕'}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column, index) => {
                  const content = column.render ? column.render(row) : column.value(row);
                  const className = column.numeric ? 'numeric' : undefined;
                  return index === 0 ? (
                    <th key={column.key} scope="row" className={className}>
                      {content}
                    </th>
                  ) : (
                    <td key={column.key} className={className}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="empty">{empty ?? t('noData')}</p>}
      {pages > 1 && (
        <nav className="pager" aria-label={caption}>
          <button type="button" className="button secondary small" disabled={current === 0} onClick={() => setPage(current - 1)}>
            {t('previous')}
          </button>
          <span>{t('page', { page: current + 1, pages })}</span>
          <button type="button" className="button secondary small" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            {t('next')}
          </button>
        </nav>
      )}
    </div>
  );
}
