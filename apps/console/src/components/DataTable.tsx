import { Button, Group, Pagination, ScrollArea, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../api/client';
import { toCsv } from '../lib/csv';
import { EmptyState } from './PageState';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** The cell's value in a CSV export (defaults to nothing exported for the column). */
  csv?: (row: T) => unknown;
}

/**
 * A table with paging below and, where the office wants one, a CSV export of the rows
 * shown. Wide tables scroll sideways on a tablet. Without rows it shows the empty state
 * (data-testid="empty", `empty` or "nothing here yet") and no table.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  total,
  page,
  limit,
  onPage,
  csvName,
  onRowClick,
  empty,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  total?: number;
  page?: number;
  limit?: number;
  onPage?: (page: number) => void;
  csvName?: string;
  onRowClick?: (row: T) => void;
  empty?: ReactNode;
}) {
  const { t } = useTranslation();
  const pages = total !== undefined && limit ? Math.max(1, Math.ceil(total / limit)) : 1;
  const exportCsv = () => {
    const cols = columns.filter((c) => c.csv);
    saveBlob(new Blob([toCsv(cols.map((c) => c.header), rows.map((r) => cols.map((c) => c.csv?.(r))))], { type: 'text/csv;charset=utf-8' }), csvName ?? 'export.csv');
  };
  return (
    <>
      {rows.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        // A wide table scrolls sideways, and says so: the bar shows whenever there is more to the right.
        <ScrollArea type="auto">
          <Table striped highlightOnHover miw={640} data-testid="data-table">
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.key} style={{ whiteSpace: 'nowrap' }}>
                    {c.header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={rowKey(row)} onClick={onRowClick ? () => onRowClick(row) : undefined} style={onRowClick ? { cursor: 'pointer' } : undefined}>
                  {columns.map((c) => (
                    <Table.Td key={c.key}>{c.render(row)}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <Group justify="space-between" mt="sm">
        <Text size="sm" c="dimmed">
          {total !== undefined ? t('paging.total', { total }) : ''}
        </Text>
        <Group>
          {csvName && rows.length > 0 && (
            <Button size="xs" variant="default" onClick={exportCsv}>
              {t('action.exportCsv')}
            </Button>
          )}
          {onPage && pages > 1 && <Pagination size="sm" total={pages} value={page ?? 1} onChange={onPage} />}
        </Group>
      </Group>
    </>
  );
}
