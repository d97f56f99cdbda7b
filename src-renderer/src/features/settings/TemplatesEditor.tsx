import {
  Alert,
  Button,
  Code,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Spoiler,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { useCallback, useEffect, useState } from 'react';
import type { FieldIssue } from '@shared/errors';
import {
  RULE_KIND_LABELS,
  RULE_KINDS,
  type TemplateBody,
  type TemplatePreviewView,
  type TemplateView,
} from '@shared/schemas/mail';
import type { RuleKind } from '@shared/views';
import { ApiError, api } from '../../api';
import { errorMessage, notifyFailure, notifySuccess } from '../../components/notify';
import { useApiData } from '../../components/use-api-data';
import { EmailPreview } from '../notifications/EmailPreview';
import { ClientPicker } from '../notifications/ClientPicker';

const bodyOf = (t: TemplateView): TemplateBody => ({
  subject: t.subject,
  textBody: t.textBody,
  htmlBody: t.htmlBody,
});

type PreviewState =
  { view: TemplatePreviewView; issues: [] } | { view: null; issues: FieldIssue[]; message: string };

/** The issues of the editor's fields, by field (`template.subject` → subject). */
function issueFor(issues: FieldIssue[], field: keyof TemplateBody): string | undefined {
  return issues.find((issue) => issue.path === `template.${field}`)?.message;
}

/** Renders the draft for the chosen client as the operator types. */
function useLivePreview(kind: RuleKind, draft: TemplateBody | undefined, clientId: number | null) {
  const [debounced] = useDebouncedValue(draft, 350);
  const [state, setState] = useState<PreviewState | null>(null);
  useEffect(() => {
    if (!debounced) return;
    let stale = false;
    api['templates.preview']({ kind, template: debounced, clientId }).then(
      (view) => !stale && setState({ view, issues: [] }),
      (error: unknown) =>
        !stale &&
        setState({
          view: null,
          issues: error instanceof ApiError ? error.issues : [],
          message: errorMessage(error),
        }),
    );
    return () => {
      stale = true;
    };
  }, [kind, debounced, clientId]);
  return state;
}

/** Settings → Templates: a subject, a text body and an HTML body per rule kind, with a live preview. */
export function TemplatesEditor() {
  const loaded = useApiData(useCallback(() => api['templates.list']({}), []));
  const [kind, setKind] = useState<RuleKind>('user');
  const [drafts, setDrafts] = useState<Partial<Record<RuleKind, TemplateBody>>>({});
  const [saved, setSaved] = useState<Partial<Record<RuleKind, TemplateView>>>({});
  const [clientId, setClientId] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveIssues, setSaveIssues] = useState<FieldIssue[]>([]);

  useEffect(() => {
    if (!loaded.data) return;
    const byKind = Object.fromEntries(loaded.data.templates.map((t) => [t.kind, t])) as Record<
      RuleKind,
      TemplateView
    >;
    setSaved(byKind);
    setDrafts(Object.fromEntries(loaded.data.templates.map((t) => [t.kind, bodyOf(t)])));
  }, [loaded.data]);

  const draft = drafts[kind];
  const current = saved[kind];
  const preview = useLivePreview(kind, draft, clientId);
  const dirty = Boolean(draft && current && JSON.stringify(draft) !== JSON.stringify(bodyOf(current)));
  const issues = saveIssues.length ? saveIssues : (preview?.issues ?? []);

  const edit = (field: keyof TemplateBody, value: string) => {
    setSaveIssues([]);
    setDrafts((all) => ({ ...all, [kind]: { ...all[kind]!, [field]: value } }));
  };

  const applySaved = (view: TemplateView) => {
    setSaved((all) => ({ ...all, [view.kind]: view }));
    setDrafts((all) => ({ ...all, [view.kind]: bodyOf(view) }));
  };

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    try {
      applySaved(await api['templates.save']({ kind, template: draft }));
      setSaveIssues([]);
      notifySuccess(`${RULE_KIND_LABELS[kind]} template saved`);
    } catch (error) {
      if (error instanceof ApiError && error.issues.length) setSaveIssues(error.issues);
      notifyFailure('Template not saved', error);
    } finally {
      setSaving(false);
    }
  };

  const reset = () =>
    modals.openConfirmModal({
      title: 'Reset to the default template?',
      children: (
        <Text size="sm">The {RULE_KIND_LABELS[kind]} template goes back to the one Lowbal ships.</Text>
      ),
      labels: { confirm: 'Reset', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          applySaved(await api['templates.reset']({ kind }));
          setSaveIssues([]);
          notifySuccess(`${RULE_KIND_LABELS[kind]} template reset to the default`);
        } catch (error) {
          notifyFailure('Template not reset', error);
        }
      },
    });

  if (loaded.error) {
    return (
      <Alert color="red" title="Could not load the templates">
        {errorMessage(loaded.error)}
      </Alert>
    );
  }
  if (!draft || !loaded.data) return <Loader aria-label="Loading" />;

  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label="Rule kind"
        value={kind}
        onChange={(value) => {
          setKind(value as RuleKind);
          setSaveIssues([]);
        }}
        data={RULE_KINDS.map((k) => ({ value: k, label: RULE_KIND_LABELS[k] }))}
        maw={560}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="sm">
          <TextInput
            label="Subject"
            value={draft.subject}
            onChange={(e) => edit('subject', e.currentTarget.value)}
            error={issueFor(issues, 'subject')}
          />
          <Textarea
            label="Text body"
            autosize
            minRows={6}
            maxRows={16}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            value={draft.textBody}
            onChange={(e) => edit('textBody', e.currentTarget.value)}
            error={issueFor(issues, 'textBody')}
          />
          <Textarea
            label="HTML body"
            description="Values are escaped in HTML"
            autosize
            minRows={6}
            maxRows={16}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            value={draft.htmlBody}
            onChange={(e) => edit('htmlBody', e.currentTarget.value)}
            error={issueFor(issues, 'htmlBody')}
          />
          <Group>
            <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
              Save
            </Button>
            <Button variant="default" onClick={reset} disabled={!current?.customized}>
              Reset to default
            </Button>
            <Text size="xs" c="dimmed">
              {current?.customized ? 'Customized' : 'The shipped default'}
              {dirty ? ' · unsaved changes' : ''}
            </Text>
          </Group>
          <Spoiler maxHeight={0} showLabel="Variables you can use" hideLabel="Hide variables">
            <Table withTableBorder aria-label="Template variables">
              <Table.Tbody>
                {loaded.data.variables.map((v) => (
                  <Table.Tr key={v.name}>
                    <Table.Td>
                      <Code>{`{{ ${v.name} }}`}</Code>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{v.description}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Spoiler>
        </Stack>
        <Stack gap="sm">
          <Title order={4}>Preview</Title>
          <ClientPicker
            label="Preview for client"
            placeholder="Sample values"
            value={clientId}
            onChange={setClientId}
            maw={360}
          />
          {!preview ? (
            <Loader size="sm" aria-label="Rendering" />
          ) : preview.view ? (
            <>
              <Text size="xs" c="dimmed">
                {preview.view.source}
              </Text>
              <EmailPreview
                subject={preview.view.subject}
                textBody={preview.view.textBody}
                htmlBody={preview.view.htmlBody}
              />
            </>
          ) : (
            <Alert color="red" title="The template cannot be rendered">
              {preview.message}
            </Alert>
          )}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
