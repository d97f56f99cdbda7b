import { Table } from '@mantine/core';
import type { ImportPlan, SectionName } from '@core/interchange/interchange-types';
import { SECTIONS, SECTION_LABELS } from './sections';

/** Per section of the file: how many entries are (or would be) created, updated, left unchanged and removed. */
export function ImportPlanTable({
  caption,
  plan,
  sections,
  replace,
}: {
  caption: string;
  plan: ImportPlan;
  sections: SectionName[];
  replace: boolean;
}) {
  return (
    <Table aria-label={caption} withTableBorder striped maw={640}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Section</Table.Th>
          <Table.Th ta="right">Create</Table.Th>
          <Table.Th ta="right">Update</Table.Th>
          <Table.Th ta="right">Unchanged</Table.Th>
          {replace && <Table.Th ta="right">Remove</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {SECTIONS.filter((name) => sections.includes(name)).map((name) => (
          <Table.Tr key={name}>
            <Table.Th scope="row" fw={500}>
              {SECTION_LABELS[name]}
            </Table.Th>
            <Table.Td ta="right">{plan[name].create}</Table.Td>
            <Table.Td ta="right">{plan[name].update}</Table.Td>
            <Table.Td ta="right">{plan[name].unchanged}</Table.Td>
            {replace && (
              <Table.Td ta="right" c={plan[name].delete ? 'red' : undefined}>
                {plan[name].delete}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
