import { Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A section page: its title and actions on top, a toolbar, then the content,
 * which gets the rest of the window's height (long tables scroll inside it).
 */
export function PageLayout({
  title,
  actions,
  toolbar,
  children,
}: {
  title: string;
  actions?: ReactNode;
  toolbar?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack
      gap="md"
      h="calc(100dvh - var(--app-shell-header-height, 0px) - 2 * var(--mantine-spacing-md))"
      style={{ minHeight: 320 }}
    >
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{title}</Title>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
      {toolbar}
      <Stack gap={0} style={{ flex: 1, minHeight: 0 }}>
        {children}
      </Stack>
    </Stack>
  );
}
