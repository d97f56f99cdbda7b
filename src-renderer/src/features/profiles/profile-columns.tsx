import { Group, Text, VisuallyHidden } from '@mantine/core';
import { formatDuration } from '@shared/duration';
import type { ProfileView } from '@shared/views';
import { DeleteButton, EditLink } from '../../components/RowActions';
import { NAME_COLUMN_WIDTH, type Column } from '../../components/table-columns';
import { ProfileEngineActions } from '../notifications/ProfileEngineActions';
import { summarizeRules } from './rule-summary';

/** The list's columns (SPEC §2): Name opens the form, the last column deletes. */
export function profileColumns({
  onEdit,
  onDelete,
}: {
  onEdit: (profile: ProfileView) => void;
  onDelete: (profile: ProfileView) => void;
}): Column<ProfileView>[] {
  return [
    {
      key: 'name',
      header: 'Name',
      width: NAME_COLUMN_WIDTH,
      render: (p) => <EditLink name={p.name} onClick={() => onEdit(p)} />,
    },
    { key: 'reseller', header: 'Reseller', width: 168, render: (p) => p.resellerName },
    { key: 'currency', header: 'Currency', width: 84, render: (p) => p.currencyCode },
    // The list is in Sort Order already; a narrow window leaves the number to the form.
    {
      key: 'sortOrder',
      header: 'Sort Order',
      width: 96,
      align: 'right',
      hideBelow: 1200,
      render: (p) => p.sortOrder,
    },
    {
      key: 'maxQty',
      header: 'Max Qty',
      width: 84,
      align: 'right',
      render: (p) =>
        p.maxQty === 0 ? (
          <Text span size="sm" c="dimmed" title="0 = no limit">
            No limit
          </Text>
        ) : (
          p.maxQty
        ),
    },
    { key: 'period', header: 'Period', width: 96, render: (p) => formatDuration(p.period) },
    { key: 'rules', header: 'Rules', render: (p) => summarizeRules(p) },
    { key: 'clients', header: 'Clients', width: 76, align: 'right', render: (p) => p.clientCount },
    {
      key: 'actions',
      header: <VisuallyHidden>Actions</VisuallyHidden>,
      width: 112,
      align: 'center',
      render: (p) => (
        <Group gap={2} wrap="nowrap" justify="center">
          <ProfileEngineActions profile={p} />
          <DeleteButton label={`Delete profile ${p.name}`} onClick={() => onDelete(p)} />
        </Group>
      ),
    },
  ];
}
