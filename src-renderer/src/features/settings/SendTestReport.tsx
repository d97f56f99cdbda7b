import { Alert, Button, Code, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconMinus, IconX } from '@tabler/icons-react';
import {
  SEND_TEST_STAGE_LABELS,
  type SendTestMailResult,
  type SendTestStageResult,
} from '@shared/schemas/mail';

const STATUS_ICON = {
  passed: { color: 'green', icon: IconCheck, label: 'passed' },
  failed: { color: 'red', icon: IconX, label: 'failed' },
  skipped: { color: 'gray', icon: IconMinus, label: 'not reached' },
} as const;

function StageLine({ stage }: { stage: SendTestStageResult }) {
  const status = STATUS_ICON[stage.status];
  const Icon = status.icon;
  return (
    <List.Item
      icon={
        <ThemeIcon color={status.color} size={20} radius="xl" aria-hidden>
          <Icon size={14} />
        </ThemeIcon>
      }
    >
      <Text size="sm" span fw={600}>
        {SEND_TEST_STAGE_LABELS[stage.stage]} ({status.label}):
      </Text>{' '}
      <Text size="sm" span style={{ overflowWrap: 'anywhere' }}>
        {stage.detail}
      </Text>
      {stage.status === 'failed' && (
        <Stack gap={2} mt={4}>
          {stage.serverText && (
            <Text size="sm">
              Server answer{stage.code ? ` (${stage.code})` : ''}: <Code>{stage.serverText}</Code>
            </Text>
          )}
          {stage.hint && (
            <Text size="sm" fw={600}>
              Hint: {stage.hint}
            </Text>
          )}
        </Stack>
      )}
    </List.Item>
  );
}

/** The stages of `Send test e-mail`, and for a refused certificate what it is and a way to trust it. */
export function SendTestReport({
  outcome,
  onTrustFingerprint,
}: {
  outcome: SendTestMailResult;
  onTrustFingerprint: (fingerprint: string) => void;
}) {
  const certificate = outcome.certificateRefused ? outcome.certificate : undefined;
  return (
    <Alert
      color={outcome.ok ? 'green' : 'red'}
      title={outcome.ok ? 'The server accepted the test e-mail' : 'The test e-mail was not sent'}
      role="status"
    >
      <Stack gap="sm">
        {outcome.ok && <Text size="sm">Server answer: {outcome.response}</Text>}
        {outcome.stages.length > 0 ? (
          <List spacing={4} aria-label="Send test stages">
            {outcome.stages.map((stage) => (
              <StageLine key={stage.stage} stage={stage} />
            ))}
          </List>
        ) : (
          <Text size="sm">{outcome.error}</Text>
        )}
        {certificate && (
          <Stack gap={4} aria-label="Refused certificate">
            <Text size="sm" fw={600}>
              {outcome.previousFingerprint
                ? 'The certificate changed'
                : 'The certificate the server presented'}
            </Text>
            <Text size="sm">Subject: {certificate.subject}</Text>
            <Text size="sm">Issuer: {certificate.issuer}</Text>
            <Text size="sm">
              Valid: {certificate.validFrom} to {certificate.validTo}
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              SHA-256 fingerprint: <Code>{certificate.fingerprint}</Code>
            </Text>
            {outcome.previousFingerprint && (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                Trusted until now: <Code>{outcome.previousFingerprint}</Code>
              </Text>
            )}
            <Text size="sm">
              Compare the fingerprint with the server&apos;s (e.g.{' '}
              <Code>openssl x509 -fingerprint -sha256</Code>) before trusting it, or paste the CA certificate
              that issued it below.
            </Text>
            <div>
              <Button size="xs" variant="default" onClick={() => onTrustFingerprint(certificate.fingerprint)}>
                Trust this certificate
              </Button>
            </div>
          </Stack>
        )}
      </Stack>
    </Alert>
  );
}
