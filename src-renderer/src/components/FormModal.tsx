import { Button, Group, Modal, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

/**
 * A form in a pop-up: OK saves (also Enter), Cancel or Escape discards.
 * Clicking outside does not close it, so typing is never lost by a stray click.
 * Put `data-autofocus` on the first field.
 */
export function FormModal({
  opened = true,
  title,
  onClose,
  onSubmit,
  submitting,
  size = 'md',
  children,
}: {
  opened?: boolean;
  title: string;
  onClose: () => void;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  submitting: boolean;
  size?: ModalProps['size'];
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} closeOnClickOutside={false}>
      <form onSubmit={onSubmit} noValidate>
        {children}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            OK
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
