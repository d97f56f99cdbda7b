import { ActionIcon, Group } from '@mantine/core';
import { IconEye, IconSend } from '@tabler/icons-react';
import { Link } from 'wouter';
import type { ProfileView } from '@shared/views';
import { useCheckNow } from './use-check-now';

/** A profile row's engine actions: Preview (a dry run) and Check now (the table's tooltip names them). */
export function ProfileEngineActions({ profile }: { profile: ProfileView }) {
  const { checkNow, checking } = useCheckNow();
  return (
    <Group gap={2} wrap="nowrap">
      <ActionIcon
        component={Link}
        href={`/notifications/preview/${profile.id}`}
        variant="subtle"
        aria-label={`Preview profile ${profile.name}`}
      >
        <IconEye size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        aria-label={`Check profile ${profile.name} now`}
        loading={checking}
        onClick={() => void checkNow(profile.id)}
      >
        <IconSend size={16} />
      </ActionIcon>
    </Group>
  );
}
