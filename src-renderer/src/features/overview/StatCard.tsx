import { Anchor, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'wouter';

/** One figure of the Overview: what it is, its value, a line of detail, and where to look closer. */
export function StatCard({
  label,
  value,
  detail,
  link,
  color,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  link?: { href: string; label: string };
  color?: string;
}) {
  return (
    <Paper withBorder p="md" radius="md" role="group" aria-label={label}>
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Text fz="xl" fw={700} c={color} component="div">
          {value}
        </Text>
        {detail && (
          <Text size="xs" c="dimmed">
            {detail}
          </Text>
        )}
        {link && (
          <Anchor component={Link} href={link.href} size="sm">
            {link.label}
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}
