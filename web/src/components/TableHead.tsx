import { Table } from '@mantine/core';

/**
 * The header row of a data table: one column header per label, plus an unlabelled (screen-reader
 * only) "Actions" column when the rows carry buttons.
 */
export function TableHead({ columns, hasActions = false }: { columns: string[]; hasActions?: boolean }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) => (
          <Table.Th scope="col" key={column}>
            {column}
          </Table.Th>
        ))}
        {hasActions ? (
          <Table.Th scope="col">
            <span className="visually-hidden">Actions</span>
          </Table.Th>
        ) : null}
      </Table.Tr>
    </Table.Thead>
  );
}
