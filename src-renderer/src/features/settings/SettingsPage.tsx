import { Alert, Loader, Stack, Tabs } from '@mantine/core';
import { IconDeviceDesktop, IconMail, IconTemplate } from '@tabler/icons-react';
import { Suspense, useCallback, type ReactNode } from 'react';
import { useLocation, useRoute } from 'wouter';
import { api } from '../../api';
import { lazyComponent } from '../../components/lazy-component';
import { errorMessage } from '../../components/notify';
import { PageLayout } from '../../components/PageLayout';
import { useApiData } from '../../components/use-api-data';
import { DesktopSettingsForm } from '../desktop/DesktopSettingsForm';
import { DeliverySettingsForm } from './DeliverySettingsForm';
import { EmailSettingsForm } from './EmailSettingsForm';

/** The template editor (and CodeMirror) loads only when its tab opens. */
const TemplatesEditor = lazyComponent(() => import('./TemplatesEditor').then((m) => m.TemplatesEditor));

function EmailTab() {
  const saved = useApiData(useCallback(() => api['mail.getSettings']({}), []));
  if (saved.error) {
    return (
      <Alert color="red" title="Could not load the e-mail settings">
        {errorMessage(saved.error)}
      </Alert>
    );
  }
  if (!saved.data) return <Loader aria-label="Loading" />;
  return (
    <Stack gap="xl">
      <EmailSettingsForm saved={saved.data} onSaved={saved.reload} />
      <DeliverySettingsForm />
    </Stack>
  );
}

/** The tabs of Settings, in order; each is reachable as `/settings/<value>`. */
const SETTINGS_TABS: { value: string; label: string; icon: ReactNode; content: () => ReactNode }[] = [
  { value: 'email', label: 'E-mail', icon: <IconMail size={16} />, content: () => <EmailTab /> },
  {
    value: 'templates',
    label: 'Templates',
    icon: <IconTemplate size={16} />,
    content: () => <TemplatesEditor />,
  },
  {
    value: 'desktop',
    label: 'Desktop',
    icon: <IconDeviceDesktop size={16} />,
    content: () => <DesktopSettingsForm />,
  },
];

export function SettingsPage() {
  const [, params] = useRoute<{ tab: string }>('/settings/:tab');
  const [, navigate] = useLocation();
  const active = SETTINGS_TABS.find((tab) => tab.value === params?.tab) ?? SETTINGS_TABS[0];
  return (
    <PageLayout title="Settings">
      <Tabs
        value={active.value}
        onChange={(value) => value && navigate(`/settings/${value}`)}
        keepMounted={false}
        style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
      >
        <Tabs.List mb="md">
          {SETTINGS_TABS.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value} leftSection={tab.icon}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {SETTINGS_TABS.map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value} style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
            <Suspense fallback={<Loader aria-label="Loading" />}>{tab.content()}</Suspense>
          </Tabs.Panel>
        ))}
      </Tabs>
    </PageLayout>
  );
}
