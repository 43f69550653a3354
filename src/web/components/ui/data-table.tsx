import { Table, VisuallyHidden, type TableProps, type TableTdProps, type TableTrProps } from '@mantine/core';
import type { Key, ReactNode } from 'react';

/** One column: its header (none for a table without a head) and what each row shows in it. */
export interface Column<Row> {
  key: string;
  /** Header text; left out for a column without one (a row's button). */
  header?: ReactNode;
  /** Keep the header for screen readers only (a column of buttons). */
  hiddenHeader?: boolean;
  /** Right-aligned numbers: header and cells alike. */
  align?: 'right';
  cell: (row: Row, index: number) => ReactNode;
  /** Props of every cell of the column (a style, a vertical alignment). */
  cellProps?: TableTdProps;
}

type DataAttributes = { [key: `data-${string}`]: string | undefined };

export interface DataTableProps<Row> extends Omit<TableProps, 'children' | 'data'> {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row, index: number) => Key;
  /** Props of a row: a test id, data attributes, a colour. */
  rowProps?: (row: Row, index: number) => TableTrProps & DataAttributes;
  caption?: ReactNode;
  /**
   * Below this width (px) the table scrolls sideways inside its own box instead of widening the
   * page on a phone; without it the table is not wrapped.
   */
  minWidth?: number;
  scrollType?: 'native' | 'scrollarea';
}

/**
 * A table of rows drawn from a column list, so pages say what they show instead of repeating
 * table markup. Mantine's Table props (striped, fz, aria-label …) pass through. The head is drawn
 * when any column has a header.
 */
export function DataTable<Row>({ rows, columns, rowKey, rowProps, caption, minWidth, scrollType, ...tableProps }: DataTableProps<Row>) {
  const withHead = columns.some((c) => c.header !== undefined);
  const table = (
    <Table {...tableProps}>
      {caption !== undefined && <Table.Caption>{caption}</Table.Caption>}
      {withHead && (
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) =>
              c.header === undefined ? (
                <Table.Th key={c.key} />
              ) : (
                <Table.Th key={c.key} ta={c.align}>
                  {c.hiddenHeader ? <VisuallyHidden>{c.header}</VisuallyHidden> : c.header}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
      )}
      <Table.Tbody>
        {rows.map((row, i) => (
          <Table.Tr key={rowKey(row, i)} {...rowProps?.(row, i)}>
            {columns.map((c) => (
              <Table.Td key={c.key} ta={c.align} {...c.cellProps}>
                {c.cell(row, i)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  if (minWidth === undefined) return table;
  return (
    <Table.ScrollContainer minWidth={minWidth} {...(scrollType ? { type: scrollType } : {})}>
      {table}
    </Table.ScrollContainer>
  );
}
