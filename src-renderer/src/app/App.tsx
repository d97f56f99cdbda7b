import { AppShell, Burger, Center, Group, Loader, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AppNavbar } from './AppNavbar';
import { ColorSchemeToggle } from './ColorSchemeToggle';
import { ErrorBoundary } from './ErrorBoundary';
import { sections } from './sections';

export function App() {
  return (
    <Router hook={useHashLocation}>
      <AppLayout />
    </Router>
  );
}

function AppLayout() {
  const [navbarOpened, { toggle, close }] = useDisclosure(false);
  const [location] = useLocation();
  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger
              opened={navbarOpened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={1} size="h3">
              Lowbal
            </Title>
          </Group>
          <ColorSchemeToggle />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sections">
        <AppNavbar onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>
        {/* Keyed by location so navigating away from a broken page recovers. */}
        <ErrorBoundary key={location}>
          <Suspense
            fallback={
              <Center h={240}>
                <Loader aria-label="Loading the page" />
              </Center>
            }
          >
            <Switch>
              {/* A section owns its sub-paths too, e.g. `/clients/12`. */}
              {sections.map((section) => (
                <Route key={section.path} path={`${section.path}/*?`} component={section.component} />
              ))}
              <Route>
                <Redirect to={sections[0].path} replace />
              </Route>
            </Switch>
          </Suspense>
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
