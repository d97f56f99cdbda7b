import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Catches a page's render errors so the rest of the app (navigation) keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Lowbal: a page failed to render', error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert color="red" icon={<IconAlertTriangle />} title="This page could not be shown" role="alert">
        <Stack gap="sm">
          <Text size="sm">
            Something went wrong while showing this page. Your data is safe: nothing was changed. Try again,
            open another section from the menu, or reload the window (Ctrl+R). If it keeps happening, report
            the message below.
          </Text>
          <Code block>{error.message}</Code>
          <Group>
            <Button variant="light" onClick={() => this.setState({ error: null })}>
              Try again
            </Button>
            <Button variant="default" onClick={() => window.location.reload()}>
              Reload
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  }
}
