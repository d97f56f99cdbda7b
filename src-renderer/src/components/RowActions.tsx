import { ActionIcon, Anchor } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';

/** A row's name as a link-styled button that opens the row's edit form. */
export function EditLink({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <Anchor component="button" type="button" size="sm" fw={500} onClick={onClick} maw="100%" truncate>
      {name}
    </Anchor>
  );
}

/** A row's delete action; the table's tooltip shows its name (`Delete profile Prepaid standard`). */
export function DeleteButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick}>
      <IconTrash size={16} />
    </ActionIcon>
  );
}
