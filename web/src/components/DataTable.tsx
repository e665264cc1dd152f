import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

/*
 * A table of one page of rows the server pages (limit/offset): TanStack Table renders the columns,
 * react-virtual only the rows in view (a page may hold a thousand), and the pager asks for the next
 * page. A real <table> with a caption, header cells and aria-rowcount/rowindex, so a screen reader
 * knows where it is in the whole result.
 */

export interface Paging {
  /** zero-based page */
  index: number;
  size: number;
}

// each column's value type differs: TanStack's own examples type a column list so
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Columns<T> = ColumnDef<T, any>[];

const ROW_HEIGHT = 36;
/** below this many rows every row is rendered (nothing to gain, and find-in-page keeps working) */
const VIRTUAL_FROM = 100;

export function DataTable<T>({
  caption,
  columns,
  rows,
  total,
  paging,
  onPage,
  rowKey,
  fetching,
  sort,
  onSort,
}: {
  caption: string;
  columns: Columns<T>;
  rows: T[];
  total: number;
  paging: Paging;
  onPage: (index: number) => void;
  rowKey: (row: T) => string;
  fetching?: boolean;
  /** the server's order: the column id and direction (columns need an `id`, or an accessor key, equal to the API's sort name) */
  sort?: { id: string; order: 'asc' | 'desc' };
  /** given: the headers of the columns named in `sortable` become buttons that ask the server for that order */
  onSort?: { sortable: readonly string[]; toggle: (id: string) => void };
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), manualPagination: true, rowCount: total, getRowId: rowKey });
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length >= VIRTUAL_FROM;
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10, enabled: virtual });
  const all = table.getRowModel().rows;
  const items = virtual ? virtualizer.getVirtualItems() : all.map((_, index) => ({ index, start: index * ROW_HEIGHT, end: (index + 1) * ROW_HEIGHT }));
  const padTop = virtual && items.length > 0 ? items[0]!.start : 0;
  const padBottom = virtual && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const first = paging.index * paging.size;
  const pages = Math.max(1, Math.ceil(total / paging.size));
  const span = columns.length;

  return (
    <div className="data-table" aria-busy={fetching ? 'true' : undefined}>
      <div ref={scroller} className={virtual ? 'table-scroll table-scroll-virtual' : 'table-scroll'} tabIndex={0} role="region" aria-label={caption}>
        <table aria-rowcount={total + 1}>
          <caption>{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id} aria-rowindex={1}>
                {g.headers.map((h) => {
                  const label = h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext());
                  const sorted = sort?.id === h.column.id ? sort.order : undefined;
                  return (
                    <th key={h.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                      {onSort?.sortable.includes(h.column.id) ? (
                        <button type="button" className="sort-button" onClick={() => onSort.toggle(h.column.id)}>
                          {label}
                          <span aria-hidden="true" className="sort-mark">
                            {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}
                          </span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true" className="pad-row">
                <td colSpan={span} ref={(td) => td?.style.setProperty('height', `${padTop}px`)} />
              </tr>
            )}
            {items.map((item) => {
              const row = all[item.index]!;
              return (
                <tr key={row.id} aria-rowindex={first + item.index + 2}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true" className="pad-row">
                <td colSpan={span} ref={(td) => td?.style.setProperty('height', `${padBottom}px`)} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={t('table.pages', { caption })}>
        <span aria-live="polite">
          {total === 0
            ? t('table.none')
            : t('table.range', { from: fmt.number(first + 1), to: fmt.number(first + rows.length), total: fmt.number(total) })}
        </span>
        <button type="button" className="button" disabled={paging.index === 0} onClick={() => onPage(paging.index - 1)}>
          {t('table.previous')}
        </button>
        <span>{t('table.page', { page: fmt.number(paging.index + 1), pages: fmt.number(pages) })}</span>
        <button type="button" className="button" disabled={paging.index + 1 >= pages} onClick={() => onPage(paging.index + 1)}>
          {t('table.next')}
        </button>
      </nav>
    </div>
  );
}

/** The page of a paged table, kept in the URL (?page=3, one-based there) like the filters. */
export function usePaging(size = 50): [Paging, (index: number) => void] {
  const [params, setParams] = useSearchParams();
  const index = Math.max(0, (Number(params.get('page')) || 1) - 1);
  const go = (i: number) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (i > 0) next.set('page', String(i + 1));
      else next.delete('page');
      return next;
    });
  return [{ index, size }, go];
}
