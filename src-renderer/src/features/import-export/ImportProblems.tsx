import { Alert, Code, Group, Pagination, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import type { ImportIssue } from '@core/interchange/interchange-types';

const PAGE_SIZE = 100;

/** Every problem of a file with its place (a JSONPath), a page at a time. */
export function ImportProblems({ errors, errorCount }: { errors: ImportIssue[]; errorCount: number }) {
  const [page, setPage] = useState(1);
  const pages = Math.ceil(errors.length / PAGE_SIZE);
  const shown = errors.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return (
    <Stack gap="sm">
      <Alert
        color="red"
        icon={<IconAlertTriangle />}
        title={`${errorCount} ${errorCount === 1 ? 'problem' : 'problems'} in this file`}
      >
        Nothing is imported until every problem is fixed. Each one names its place in the file.
        {errorCount > errors.length && ` The first ${errors.length.toLocaleString()} are listed.`}
      </Alert>
      <Table aria-label="Problems" withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="35%">Place in the file</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((issue, index) => (
            <Table.Tr key={`${issue.path}-${index}`}>
              <Table.Td>
                <Code>{issue.path}</Code>
              </Table.Td>
              <Table.Td>{issue.message}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {pages > 1 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {(page - 1) * PAGE_SIZE + 1}–{Math.min(page * PAGE_SIZE, errors.length)} of {errors.length}
          </Text>
          <Pagination total={pages} value={page} onChange={setPage} aria-label="Problem pages" />
        </Group>
      )}
    </Stack>
  );
}
