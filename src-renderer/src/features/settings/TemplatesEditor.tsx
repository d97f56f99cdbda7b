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
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FieldIssue } from '@shared/errors';
import {
  TEMPLATE_PART_LABELS,
  TEMPLATE_PART_NAMES,
  type TemplateBody,
  type TemplatePreviewView,
  type TemplateProblem,
  type TemplateView,
} from '@shared/schemas/mail';
import { TEMPLATE_KIND_LABELS, TEMPLATE_KINDS, type TemplateKind } from '@shared/template-kinds';
import { ApiError, api } from '../../api';
import { errorMessage, notifyFailure, notifySuccess } from '../../components/notify';
import { plural } from '../../components/plural';
import { useApiData } from '../../components/use-api-data';
import { EmailPreview } from '../notifications/EmailPreview';
import { ClientPicker } from '../notifications/ClientPicker';
import { TemplateCodeField } from './TemplateCodeField';

const bodyOf = (t: TemplateView): TemplateBody => ({
  subject: t.subject,
  textBody: t.textBody,
  htmlBody: t.htmlBody,
});

const PART_DESCRIPTIONS: Partial<Record<keyof TemplateBody, string>> = {
  subject: 'One line',
  htmlBody: 'Values are escaped in HTML',
};

type PreviewState = { view: TemplatePreviewView } | { view: null; message: string };

/** The issues of the editor's fields, by field (`template.subject` → subject). */
function issueFor(issues: FieldIssue[], field: keyof TemplateBody): string | undefined {
  return issues.find((issue) => issue.path === `template.${field}`)?.message;
}

/** How long typing pauses before the draft is checked and previewed. */
const DEBOUNCE_MS = 300;

interface CheckState {
  /** The template the problems are about, as it stood. */
  kind: TemplateKind;
  draft: TemplateBody;
  problems: TemplateProblem[];
}

/** The template being edited, once typing pauses (the kind and its text together). */
function usePausedDraft(kind: TemplateKind, draft: TemplateBody | undefined) {
  const edited = useMemo(() => (draft ? { kind, draft } : undefined), [kind, draft]);
  return useDebouncedValue(edited, DEBOUNCE_MS)[0];
}

/** Runs the check the save runs on the draft as the operator types; its problems mark the editor. */
function useTemplateCheck(kind: TemplateKind, draft: TemplateBody | undefined): CheckState | null {
  const paused = usePausedDraft(kind, draft);
  const [state, setState] = useState<CheckState | null>(null);
  useEffect(() => {
    if (!paused) return;
    let stale = false;
    api['templates.check']({ kind: paused.kind, template: paused.draft }).then(
      ({ problems }) => !stale && setState({ ...paused, problems }),
      // The check is a convenience: the save runs it again and says why it refuses.
      () => !stale && setState({ ...paused, problems: [] }),
    );
    return () => {
      stale = true;
    };
  }, [paused]);
  return state;
}

/** Renders the draft for the chosen client as the operator types. */
function useLivePreview(kind: TemplateKind, draft: TemplateBody | undefined, clientId: number | null) {
  const paused = usePausedDraft(kind, draft);
  const [state, setState] = useState<PreviewState | null>(null);
  useEffect(() => {
    if (!paused) return;
    let stale = false;
    api['templates.preview']({ kind: paused.kind, template: paused.draft, clientId }).then(
      (view) => !stale && setState({ view }),
      (error: unknown) => !stale && setState({ view: null, message: errorMessage(error) }),
    );
    return () => {
      stale = true;
    };
  }, [paused, clientId]);
  return state;
}

/** Settings → Templates: a subject, a text body and an HTML body per rule kind, with a live preview. */
export function TemplatesEditor() {
  const loaded = useApiData(useCallback(() => api['templates.list']({}), []));
  const [kind, setKind] = useState<TemplateKind>('user');
  const [drafts, setDrafts] = useState<Partial<Record<TemplateKind, TemplateBody>>>({});
  const [saved, setSaved] = useState<Partial<Record<TemplateKind, TemplateView>>>({});
  const [clientId, setClientId] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveIssues, setSaveIssues] = useState<FieldIssue[]>([]);

  useEffect(() => {
    if (!loaded.data) return;
    const byKind = Object.fromEntries(loaded.data.templates.map((t) => [t.kind, t])) as Record<
      TemplateKind,
      TemplateView
    >;
    setSaved(byKind);
    setDrafts(Object.fromEntries(loaded.data.templates.map((t) => [t.kind, bodyOf(t)])));
  }, [loaded.data]);

  const draft = drafts[kind];
  const current = saved[kind];
  const preview = useLivePreview(kind, draft, clientId);
  const checked = useTemplateCheck(kind, draft);
  const check = checked?.kind === kind ? checked : null;
  const dirty = Boolean(draft && current && JSON.stringify(draft) !== JSON.stringify(bodyOf(current)));
  const checkedNow = check && draft && JSON.stringify(check.draft) === JSON.stringify(draft);
  const problemCount = checkedNow ? check.problems.length : 0;

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
      notifySuccess(`${TEMPLATE_KIND_LABELS[kind]} template saved`);
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
        <Text size="sm">The {TEMPLATE_KIND_LABELS[kind]} template goes back to the one Lowbal ships.</Text>
      ),
      labels: { confirm: 'Reset', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: async () => {
        try {
          applySaved(await api['templates.reset']({ kind }));
          setSaveIssues([]);
          notifySuccess(`${TEMPLATE_KIND_LABELS[kind]} template reset to the default`);
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
  const { variables } = loaded.data;

  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label="Rule kind"
        value={kind}
        onChange={(value) => {
          setKind(value as TemplateKind);
          setSaveIssues([]);
        }}
        data={TEMPLATE_KINDS.map((k) => ({ value: k, label: TEMPLATE_KIND_LABELS[k] }))}
        maw={560}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="sm">
          {TEMPLATE_PART_NAMES.map((part) => (
            <TemplateCodeField
              key={`${kind}-${part}`}
              label={TEMPLATE_PART_LABELS[part]}
              description={PART_DESCRIPTIONS[part]}
              html={part === 'htmlBody'}
              singleLine={part === 'subject'}
              value={draft[part]}
              onChange={(value) => edit(part, value)}
              variables={variables}
              problems={check?.problems.filter((problem) => problem.field === part) ?? []}
              checkedText={check ? check.draft[part] : null}
              error={issueFor(saveIssues, part)}
            />
          ))}
          <Group>
            <Button onClick={() => void save()} loading={saving} disabled={!dirty || problemCount > 0}>
              Save
            </Button>
            <Button variant="default" onClick={reset} disabled={!current?.customized}>
              Reset to default
            </Button>
            <Text size="xs" c="dimmed">
              {current?.customized ? 'Customized' : 'The shipped default'}
              {dirty ? ' · unsaved changes' : ''}
              {problemCount > 0 ? ` · ${plural(problemCount, 'problem')} to fix before saving` : ''}
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
