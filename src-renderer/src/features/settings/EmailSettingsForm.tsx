import {
  Button,
  CopyButton,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { isValidEmail } from '@shared/email';
import { MAIL_PRESETS } from '@shared/mail-presets';
import {
  AUTH_METHOD_LABELS,
  AUTH_METHODS,
  GOOGLE_CREDENTIAL_LABELS,
  GOOGLE_CREDENTIALS,
  TLS_MODE_LABELS,
  TLS_MODES,
  smtpSettingsInputSchema,
  type SendTestMailResult,
  type SmtpSettingsInput,
  type SmtpSettingsView,
} from '@shared/schemas/mail';
import { api, ApiError } from '../../api';
import { errorMessage, notifyFailure, notifySuccess } from '../../components/notify';
import { schemaResolver } from '../../components/schema-resolver';
import { useFormSubmit } from '../../components/use-form-submit';
import { SendTestReport } from './SendTestReport';

type Values = Required<SmtpSettingsInput>;

function initialValues(saved: SmtpSettingsView): Values {
  return {
    host: saved.host,
    port: saved.port,
    tlsMode: saved.tlsMode,
    user: saved.user,
    password: '',
    fromName: saved.fromName,
    fromAddress: saved.fromAddress,
    rateLimit: saved.rateLimit,
    trustedCaPem: saved.trustedCaPem,
    trustedFingerprint: saved.trustedFingerprint,
    authMethod: saved.authMethod,
    oauthTenantId: saved.oauthTenantId,
    oauthClientId: saved.oauthClientId,
    oauthAuthorityUrl: saved.oauthAuthorityUrl,
    googleCredential: saved.googleCredential,
    oauthRefreshToken: '',
    googleServiceAccountKey: '',
    oauthTokenUrl: saved.oauthTokenUrl,
    dkimDomain: saved.dkimDomain,
    dkimSelector: saved.dkimSelector,
  };
}

/** A secret field's help: where it is kept, and that blank keeps the saved one. */
function secretHelp(isSaved: boolean, name: string, storage: string): string {
  return isSaved
    ? `A ${name} is saved (in ${storage}); leave blank to keep it`
    : `Kept in ${storage}, never in the database`;
}

/** Settings → E-mail: the SMTP server, the sender, the rate limit, and `Send test e-mail`. */
export function EmailSettingsForm({
  saved,
  onSaved,
}: {
  saved: SmtpSettingsView;
  onSaved: (view: SmtpSettingsView) => void;
}) {
  const form = useForm<Values>({
    initialValues: initialValues(saved),
    validate: schemaResolver(smtpSettingsInputSchema),
  });
  const [testTo, setTestTo] = useState(saved.fromAddress);
  const [testing, setTesting] = useState(false);
  const [outcome, setOutcome] = useState<SendTestMailResult | null>(null);
  const [presetId, setPresetId] = useState<string | null>(null);
  const preset = MAIL_PRESETS.find((candidate) => candidate.id === presetId);
  const applyPreset = (id: string | null) => {
    setPresetId(id);
    const chosen = MAIL_PRESETS.find((candidate) => candidate.id === id);
    if (!chosen) return;
    form.setValues({
      host: chosen.host,
      port: chosen.port,
      tlsMode: chosen.tlsMode,
      authMethod: chosen.authMethod,
      ...(chosen.user !== undefined ? { user: chosen.user } : {}),
    });
  };
  const { handleSubmit, submitting } = useFormSubmit(form, {
    save: (values) => api['mail.saveSettings'](values),
    savedMessage: () => 'E-mail settings saved',
    failureTitle: 'E-mail settings not saved',
    onSaved: (view) => {
      form.setValues({ password: '', oauthRefreshToken: '', googleServiceAccountKey: '' });
      onSaved(view);
    },
  });

  const sendTest = async () => {
    if (form.validate().hasErrors) return;
    setTesting(true);
    setOutcome(null);
    try {
      const result = await api['mail.sendTest']({ to: testTo.trim(), settings: form.getValues() });
      setOutcome(result);
      if (result.ok) notifySuccess(`Test e-mail sent to ${testTo.trim()}`);
      else notifyFailure('Test e-mail not sent', new Error(result.error ?? 'The server refused it'));
    } catch (error) {
      setOutcome({ ok: false, stages: [], error: errorMessage(error) });
      // E.g. the saved password is refused for another server: the field says so too.
      if (error instanceof ApiError) {
        for (const issue of error.issues) {
          if (issue.path.startsWith('settings.'))
            form.setFieldError(issue.path.slice('settings.'.length), issue.message);
        }
      }
    } finally {
      setTesting(false);
    }
  };

  const trustFingerprint = (fingerprint: string) => {
    form.setFieldValue('trustedFingerprint', fingerprint);
    notifySuccess('Certificate fingerprint filled in: send the test again, then Save to keep it');
  };

  const { authMethod, googleCredential } = form.getValues();
  const microsoft = authMethod === 'oauth2-microsoft';
  const google = authMethod === 'oauth2-google';
  const serviceAccount = google && googleCredential === 'service-account';
  const oauth = authMethod !== 'password';
  const storage = saved.passwordStorage;

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack maw={720} gap="md">
        <Select
          label="Preset"
          description={preset?.help ?? 'Fills host, port and TLS mode for a common mail service'}
          placeholder="Choose a mail service"
          data={MAIL_PRESETS.map((candidate) => ({ value: candidate.id, label: candidate.label }))}
          value={presetId}
          onChange={applyPreset}
          allowDeselect={false}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Host"
            withAsterisk
            placeholder="smtp.example.com"
            autoComplete="off"
            {...form.getInputProps('host')}
            style={{ gridColumn: 'span 2' }}
          />
          <NumberInput
            label="Port"
            withAsterisk
            min={1}
            max={65535}
            allowDecimal={false}
            {...form.getInputProps('port')}
          />
        </SimpleGrid>
        <Select
          label="TLS mode"
          withAsterisk
          allowDeselect={false}
          data={TLS_MODES.map((mode) => ({ value: mode, label: TLS_MODE_LABELS[mode] }))}
          {...form.getInputProps('tlsMode')}
        />
        <Select
          label="Authentication"
          allowDeselect={false}
          data={AUTH_METHODS.map((method) => ({ value: method, label: AUTH_METHOD_LABELS[method] }))}
          {...form.getInputProps('authMethod')}
        />
        {google && (
          <Select
            label="Google credential"
            description={
              serviceAccount
                ? 'A Google Workspace service account that the admin lets act as the mailbox'
                : 'A refresh token from signing in to the mailbox with your OAuth client'
            }
            allowDeselect={false}
            data={GOOGLE_CREDENTIALS.map((credential) => ({
              value: credential,
              label: GOOGLE_CREDENTIAL_LABELS[credential],
            }))}
            {...form.getInputProps('googleCredential')}
          />
        )}
        {(microsoft || (google && !serviceAccount)) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {microsoft && (
              <TextInput
                label="Tenant ID"
                withAsterisk
                description="Directory (tenant) ID of the app registration"
                autoComplete="off"
                {...form.getInputProps('oauthTenantId')}
              />
            )}
            <TextInput
              label="Client ID"
              withAsterisk
              description={
                microsoft ? 'Application (client) ID' : 'The OAuth client ID (….apps.googleusercontent.com)'
              }
              autoComplete="off"
              {...form.getInputProps('oauthClientId')}
            />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={oauth ? 'Mailbox' : 'User'}
            withAsterisk={oauth}
            description={
              oauth
                ? 'The address Lowbal sends as (the XOAUTH2 user)'
                : 'Empty when the server needs no login'
            }
            autoComplete="off"
            {...form.getInputProps('user')}
          />
          {!serviceAccount && (
            <PasswordInput
              label={oauth ? 'Client secret' : 'Password'}
              description={secretHelp(saved.hasPassword, oauth ? 'client secret' : 'password', storage)}
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          )}
          {google && !serviceAccount && (
            <PasswordInput
              label="Refresh token"
              description={secretHelp(saved.hasRefreshToken, 'refresh token', storage)}
              autoComplete="off"
              {...form.getInputProps('oauthRefreshToken')}
            />
          )}
          {serviceAccount && (
            <PasswordInput
              label="Service account key (JSON)"
              description={secretHelp(saved.hasServiceAccountKey, 'service account key', storage)}
              autoComplete="off"
              {...form.getInputProps('googleServiceAccountKey')}
            />
          )}
        </SimpleGrid>
        {microsoft && (
          <TextInput
            label="Authority URL"
            description="Microsoft's sign-in address; change it only for a national cloud"
            autoComplete="off"
            {...form.getInputProps('oauthAuthorityUrl')}
          />
        )}
        {google && (
          <TextInput
            label="Token URL"
            description="Google's token address; change it only to go through a proxy"
            autoComplete="off"
            {...form.getInputProps('oauthTokenUrl')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="From name" autoComplete="off" {...form.getInputProps('fromName')} />
          <TextInput
            label="From address"
            withAsterisk
            autoComplete="off"
            {...form.getInputProps('fromAddress')}
          />
        </SimpleGrid>
        <Title order={4} mt="sm">
          Certificate trust
        </Title>
        <Text size="sm" c="dimmed">
          For STARTTLS and TLS. A certificate from a public CA needs nothing here. For a server with a private
          CA or a self-signed certificate, paste its CA certificate or trust exactly its fingerprint (Send
          test e-mail shows it). TLS 1.2 is the minimum.
        </Text>
        <Textarea
          label="Trusted CA certificate (PEM)"
          description="Trusted besides the system's CAs; paste -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----"
          autosize
          minRows={2}
          maxRows={8}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          {...form.getInputProps('trustedCaPem')}
        />
        <TextInput
          label="Trusted certificate fingerprint (SHA-256)"
          description="Exactly this certificate is accepted; a changed certificate is refused again"
          autoComplete="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          {...form.getInputProps('trustedFingerprint')}
        />
        <Title order={4} mt="sm">
          DKIM
        </Title>
        <Text size="sm" c="dimmed">
          Optional, for sending straight from your own server: outgoing mail is signed for this domain. Save
          the domain and selector, generate the key, then publish the TXT record below in the domain&apos;s
          DNS.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="DKIM domain"
            placeholder="example.com"
            autoComplete="off"
            {...form.getInputProps('dkimDomain')}
          />
          <TextInput
            label="DKIM selector"
            placeholder="lowbal1"
            autoComplete="off"
            {...form.getInputProps('dkimSelector')}
          />
        </SimpleGrid>
        <DkimKey saved={saved} onSaved={onSaved} />
        <NumberInput
          label="Rate limit"
          description="Messages per minute; 0 = no limit"
          min={0}
          allowDecimal={false}
          maw={240}
          {...form.getInputProps('rateLimit')}
        />
        <Group>
          <Button type="submit" loading={submitting}>
            Save
          </Button>
        </Group>

        <Stack gap="xs" mt="md">
          <Title order={4}>Test</Title>
          <Text size="sm" c="dimmed">
            Sends one e-mail with the values above (saved or not) and shows what the server answered.
          </Text>
          <Group align="flex-end">
            <TextInput
              label="Send test to"
              value={testTo}
              onChange={(event) => setTestTo(event.currentTarget.value)}
              error={testTo.trim() && !isValidEmail(testTo.trim()) ? 'Not a valid e-mail address' : undefined}
              w={320}
            />
            <Button
              variant="default"
              leftSection={<IconMailForward size={16} />}
              loading={testing}
              disabled={!isValidEmail(testTo.trim())}
              onClick={() => void sendTest()}
            >
              Send test e-mail
            </Button>
          </Group>
          {outcome && <SendTestReport outcome={outcome} onTrustFingerprint={trustFingerprint} />}
        </Stack>
      </Stack>
    </form>
  );
}

/** Generates the DKIM key (kept in the secret store) and shows the TXT record to publish. */
function DkimKey({ saved, onSaved }: { saved: SmtpSettingsView; onSaved: (view: SmtpSettingsView) => void }) {
  const [generating, setGenerating] = useState(false);
  const ready = saved.configured && saved.dkimDomain !== '' && saved.dkimSelector !== '';
  const generate = async () => {
    setGenerating(true);
    try {
      onSaved(await api['mail.generateDkimKey']({}));
      notifySuccess('DKIM key generated: publish its TXT record');
    } catch (error) {
      notifyFailure('DKIM key not generated', error);
    } finally {
      setGenerating(false);
    }
  };
  return (
    <Stack gap="xs">
      {saved.dkimRecord ? (
        <>
          <TextInput label="DNS record name" readOnly value={saved.dkimRecord.name} />
          <Textarea
            label="DNS TXT record value"
            readOnly
            autosize
            minRows={2}
            value={saved.dkimRecord.value}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Group>
            <CopyButton value={saved.dkimRecord.value}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy TXT record'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          No DKIM key yet: save a DKIM domain and selector, then generate the key.
        </Text>
      )}
      <Group>
        <Button variant="default" loading={generating} disabled={!ready} onClick={() => void generate()}>
          {saved.dkimRecord ? 'Generate a new DKIM key' : 'Generate DKIM key'}
        </Button>
      </Group>
    </Stack>
  );
}
