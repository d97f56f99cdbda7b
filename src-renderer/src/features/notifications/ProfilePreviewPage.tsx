import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft, IconRefresh, IconSend } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import { displayAmount } from '@shared/money';
import { RULE_KIND_LABELS } from '@shared/schemas/mail';
import type { EnginePreviewView, MatchCondition } from '@shared/schemas/notification';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/notify';
import { PageLayout } from '../../components/PageLayout';
import { useApiData } from '../../components/use-api-data';
import { formatDateTime } from '../clients/format';
import { useCheckNow } from './use-check-now';

function Summary({ preview }: { preview: EnginePreviewView }) {
  const s = preview.summary;
  return (
    <Stack gap={4}>
      <Text size="sm">
        {s.clientsEvaluated} clients evaluated · {s.matches} matching rules · {preview.emails} e-mails would
        be sent
        {s.maxQtyReached > 0 && ` · ${s.maxQtyReached} already at Max Qty`}
      </Text>
      {preview.heldUntil !== null && (
        <Alert color="blue" title="Quiet hours" p="xs">
          A check now would hold its notices until {formatDateTime(preview.heldUntil)}, when this
          profile&apos;s sending hours begin.
        </Alert>
      )}
      {s.skipped > 0 && (
        <Alert color="yellow" title={`${s.skipped} skipped`} p="xs">
          {s.skippedReasons.map((r) => `${r.reason}: ${r.count}`).join('; ')}
          {s.skippedItems.length > 0 && (
            <Text size="xs" mt={4}>
              For example:{' '}
              {s.skippedItems
                .slice(0, 5)
                .map((item) => `${item.clientName}${item.address ? ` (${item.address})` : ''}`)
                .join(', ')}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}

function Conditions({ conditions }: { conditions: MatchCondition[] }) {
  return (
    <Stack gap={0}>
      {conditions.map((c) => (
        <Text key={c.condition} size="xs">
          {c.text}
        </Text>
      ))}
    </Stack>
  );
}

/** The matches that would send nothing, and why (SPEC §7). */
function HeldBack({ preview }: { preview: EnginePreviewView }) {
  if (preview.heldBack.length === 0) return null;
  return (
    <>
      <Text fw={600} size="sm" mt="md">
        Matching, but not sent
      </Text>
      <Table striped aria-label="Matching, but not sent">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Client</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Why it matches</Table.Th>
            <Table.Th>Why it is not sent</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.heldBack.map((row) => (
            <Table.Tr key={`${row.clientId}-${row.ruleId}`}>
              <Table.Td>{row.clientName}</Table.Td>
              <Table.Td>{RULE_KIND_LABELS[row.ruleKind]}</Table.Td>
              <Table.Td>
                <Conditions conditions={row.conditions} />
              </Table.Td>
              <Table.Td>{row.reasonText}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

/** A dry run of one profile's check: who would be e-mailed now, and `Check now` to do it. */
export function ProfilePreviewPage({ profileId }: { profileId: number }) {
  const preview = useApiData(useCallback(() => api['engine.preview']({ profileId }), [profileId]));
  const { checkNow, checking } = useCheckNow();
  const [lastRun, setLastRun] = useState<string | null>(null);
  const p = preview.data;

  const runCheck = async () => {
    const message = await checkNow(profileId);
    if (message) {
      setLastRun(message);
      preview.reload();
    }
  };

  return (
    <PageLayout
      title={p ? `Preview: ${p.profileName}` : 'Preview'}
      actions={
        <>
          <Button
            component={Link}
            href="/profiles"
            variant="subtle"
            leftSection={<IconArrowLeft size={16} />}
          >
            Profiles
          </Button>
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            onClick={preview.reload}
            loading={preview.loading}
          >
            Refresh
          </Button>
          <Button leftSection={<IconSend size={16} />} loading={checking} onClick={() => void runCheck()}>
            Check now
          </Button>
        </>
      }
      toolbar={
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            What a check of this profile would e-mail now. Nothing is sent or counted until you press Check
            now.
          </Text>
          {lastRun && (
            <Alert color="green" withCloseButton onClose={() => setLastRun(null)} p="xs">
              {lastRun}{' '}
              <Anchor component={Link} href="/notifications">
                See the notifications
              </Anchor>
            </Alert>
          )}
          {p && <Summary preview={p} />}
        </Stack>
      }
    >
      {preview.error ? (
        <Alert color="red" title="Could not preview this profile">
          {errorMessage(preview.error)}
        </Alert>
      ) : !p ? (
        <Loader aria-label="Loading" />
      ) : p.rows.length === 0 && p.heldBack.length === 0 ? (
        <EmptyState title="Nothing would be sent now">
          No active client of this profile matches a rule that is on. Lower a Threshold or set a Runway in the
          profile to see who would be notified.
        </EmptyState>
      ) : (
        <Stack gap="xs" style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <Table stickyHeader striped aria-label="Preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Client</Table.Th>
                <Table.Th>Rule</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Available</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Threshold</Table.Th>
                <Table.Th>Notice</Table.Th>
                <Table.Th>Why</Table.Th>
                <Table.Th>Recipients</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.rows.map((row) => (
                <Table.Tr key={`${row.clientId}-${row.ruleId}`}>
                  <Table.Td>{row.clientName}</Table.Td>
                  <Table.Td>{RULE_KIND_LABELS[row.ruleKind]}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {displayAmount(row.available, p.currencyCode)}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>
                    {row.threshold === null ? '—' : displayAmount(row.threshold, p.currencyCode)}
                  </Table.Td>
                  <Table.Td>{p.maxQty > 0 ? `${row.count} of ${p.maxQty}` : row.count}</Table.Td>
                  <Table.Td>
                    <Conditions conditions={row.conditions} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {row.recipients.map((r) => (
                        <Badge key={r} variant="outline" tt="none">
                          {r}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {p.total > p.rows.length && (
            <Text size="sm" c="dimmed">
              Showing the first {p.rows.length} of {p.total} matches.
            </Text>
          )}
          <HeldBack preview={p} />
        </Stack>
      )}
    </PageLayout>
  );
}
