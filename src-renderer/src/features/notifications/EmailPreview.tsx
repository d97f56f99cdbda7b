import { Code, Paper, Stack, Tabs, Text } from '@mantine/core';

/**
 * A rendered e-mail: its subject, and its HTML body in a sandboxed frame (no
 * scripts, no forms, no same-origin access) or its text body.
 */
export function EmailPreview({
  subject,
  textBody,
  htmlBody,
  height = 360,
}: {
  subject: string;
  textBody: string;
  htmlBody: string;
  height?: number;
}) {
  return (
    <Stack gap="xs">
      <Text size="sm">
        <Text span fw={600}>
          Subject:{' '}
        </Text>
        <span data-testid="email-subject">{subject}</span>
      </Text>
      <Tabs defaultValue="html" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="html">HTML</Tabs.Tab>
          <Tabs.Tab value="text">Text</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="xs">
          <Paper withBorder radius="sm" style={{ overflow: 'hidden', background: 'white' }}>
            <iframe
              title="HTML body"
              sandbox=""
              srcDoc={htmlBody}
              style={{ width: '100%', height, border: 0, display: 'block' }}
            />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="xs">
          <Code block style={{ whiteSpace: 'pre-wrap', maxHeight: height, overflow: 'auto' }}>
            {textBody}
          </Code>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
