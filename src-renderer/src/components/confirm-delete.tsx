import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { ReactNode } from 'react';
import { notifyFailure, notifySuccess } from './notify';

export interface ConfirmDeleteOptions {
  /** What is deleted, e.g. `profile`. */
  noun: string;
  /** Its name, shown in the dialog and the toasts. */
  name: string;
  /** What else happens, e.g. how many clients are unassigned. */
  consequence?: ReactNode;
  remove: () => Promise<unknown>;
  onDeleted: () => void;
  /** Once the dialog is done with: cancelled, or the delete done or failed (e.g. to return focus). */
  onClosed?: () => void;
}

/** Asks before deleting; on confirmation deletes and reports the result in a toast. */
export function confirmDelete({
  noun,
  name,
  consequence,
  remove,
  onDeleted,
  onClosed,
}: ConfirmDeleteOptions): void {
  let confirmed = false;
  modals.openConfirmModal({
    title: `Delete ${noun}`,
    children: (
      <>
        <Text size="sm">
          Delete the {noun} <strong>{name}</strong>? This cannot be undone.
        </Text>
        {consequence && (
          <Text size="sm" mt="sm">
            {consequence}
          </Text>
        )}
      </>
    ),
    labels: { confirm: 'Delete', cancel: 'Cancel' },
    confirmProps: { color: 'red' },
    onConfirm: () => {
      confirmed = true;
      remove()
        .then(
          () => {
            notifySuccess(`Deleted ${noun} "${name}"`);
            onDeleted();
          },
          (error: unknown) => notifyFailure(`Could not delete ${noun} "${name}"`, error),
        )
        .finally(() => onClosed?.());
    },
    // Cancel, Escape or the close button.
    onClose: () => {
      if (!confirmed) onClosed?.();
    },
  });
}
