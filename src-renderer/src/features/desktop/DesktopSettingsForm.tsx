import { Alert, Loader, Stack, Switch } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { DesktopSettings } from '@shared/schemas/desktop';
import { api } from '../../api';
import { errorMessage, notifyFailure, notifySuccess } from '../../components/notify';
import { useApiData } from '../../components/use-api-data';

const SWITCHES: { key: keyof DesktopSettings; label: string; description: string }[] = [
  {
    key: 'closeToTray',
    label: 'Keep running in the tray when the window is closed',
    description: "Checks and e-mails go on in the background; Quit in the tray icon's menu stops Lowbal.",
  },
  {
    key: 'startAtLogin',
    label: 'Start Lowbal when I log in',
    description: 'Lowbal starts in the tray, without opening its window.',
  },
];

/** Settings → Desktop: what closing the window does, and starting with the computer. Saved on each change. */
export function DesktopSettingsForm() {
  const saved = useApiData(useCallback(() => api['desktop.getSettings']({}), []));
  const [shown, setShown] = useState<DesktopSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const settings = shown ?? saved.data;

  if (!settings) {
    return saved.error ? (
      <Alert color="red" title="Could not load the desktop settings">
        {errorMessage(saved.error)}
      </Alert>
    ) : (
      <Loader aria-label="Loading" />
    );
  }

  const change = async (next: DesktopSettings) => {
    const previous = settings;
    setShown(next);
    setSaving(true);
    try {
      setShown(await api['desktop.saveSettings'](next));
      notifySuccess('Desktop settings saved');
    } catch (error) {
      setShown(previous);
      notifyFailure('Desktop settings not saved', error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack maw={720} gap="lg">
      {!window.lowbal && (
        <Alert color="gray" title="For the desktop app">
          These settings apply to Lowbal as a desktop app with its tray icon. The headless service you are
          using now ignores them.
        </Alert>
      )}
      {SWITCHES.map(({ key, label, description }) => (
        <Switch
          key={key}
          label={label}
          description={description}
          checked={settings[key]}
          disabled={saving}
          onChange={(event) => void change({ ...settings, [key]: event.currentTarget.checked })}
        />
      ))}
    </Stack>
  );
}
