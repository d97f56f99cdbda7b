import { Alert, Button, FileButton, Group, Progress, Stack, Switch, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconCircleCheck, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { ImportPreview, ImportResult } from '@core/interchange/interchange-types';
import { ApiError, api } from '../../api';
import { errorMessage, notifyFailure, notifySuccess } from '../../components/notify';
import { readFileText } from './file-transfer';
import { ImportPlanTable } from './ImportPlanTable';
import { ImportProblems } from './ImportProblems';
import { Panel } from './Panel';
import { SECTIONS, describeCounts, describePlan } from './sections';

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; file: File; percent: number }
  | { kind: 'validating'; file: File; text: string }
  | { kind: 'previewed'; file: File; text: string; preview: ImportPreview }
  | { kind: 'applying'; file: File; text: string; preview: ImportPreview }
  | { kind: 'failed'; file: File; message: string };

/**
 * Import: choose a file, see what it would change and every problem in it,
 * then apply it (all or nothing). Replace mode asks before it removes anything.
 */
export function ImportPanel() {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [replace, setReplace] = useState(false);
  const [result, setResult] = useState<{ fileName: string; result: ImportResult } | null>(null);
  // Answers to an earlier file or mode arrive late sometimes; only the latest request counts.
  const request = useRef(0);

  const validate = async (file: File, text: string, replaceMode: boolean) => {
    const id = ++request.current;
    setStep({ kind: 'validating', file, text });
    try {
      const preview = await api['interchange.preview']({ text, replace: replaceMode });
      if (id === request.current) setStep({ kind: 'previewed', file, text, preview });
    } catch (error) {
      if (id === request.current) setStep({ kind: 'failed', file, message: errorMessage(error) });
    }
  };

  const choose = async (file: File | null) => {
    if (!file) return;
    const id = ++request.current;
    setResult(null);
    setStep({ kind: 'reading', file, percent: 0 });
    try {
      const text = await readFileText(file, (percent) => {
        if (id === request.current) setStep({ kind: 'reading', file, percent });
      });
      if (id === request.current) await validate(file, text, replace);
    } catch (error) {
      if (id === request.current) setStep({ kind: 'failed', file, message: errorMessage(error) });
    }
  };

  const changeMode = (replaceMode: boolean) => {
    setReplace(replaceMode);
    if (step.kind === 'previewed') void validate(step.file, step.text, replaceMode);
  };

  const apply = async (file: File, text: string, preview: ImportPreview) => {
    setStep({ kind: 'applying', file, text, preview });
    try {
      const applied = await api['interchange.apply']({ text, replace: preview.replace });
      setResult({ fileName: file.name, result: applied });
      setStep({ kind: 'idle' });
      notifySuccess(`Imported ${file.name}: ${describePlan(applied.plan)}`);
    } catch (error) {
      notifyFailure(`${file.name} was not imported`, error);
      if (error instanceof ApiError && error.issues.length) {
        // The database changed since the preview: show the problems the import found.
        const errors = error.issues;
        setStep({
          kind: 'previewed',
          file,
          text,
          preview: { ...preview, valid: false, errors, errorCount: errors.length },
        });
      } else setStep({ kind: 'previewed', file, text, preview });
    }
  };

  const confirmApply = (file: File, text: string, preview: ImportPreview) => {
    if (!preview.replace) {
      void apply(file, text, preview);
      return;
    }
    const removals = describeCounts(
      Object.fromEntries(
        SECTIONS.map((name) => [name, preview.plan[name].delete]).filter(([, count]) => count),
      ),
    );
    modals.openConfirmModal({
      title: 'Replace data',
      children: (
        <Text size="sm">
          {removals
            ? `Replace removes what ${file.name} does not list: ${removals}. Removed clients lose their balance and notification history. This cannot be undone.`
            : `Replace removes nothing here: every stored entry of these sections is in ${file.name}.`}
        </Text>
      ),
      labels: { confirm: 'Replace', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => void apply(file, text, preview),
    });
  };

  const busy = step.kind === 'reading' || step.kind === 'validating' || step.kind === 'applying';

  return (
    <Panel
      id="import-title"
      title="Import"
      description="Reads a Lowbal JSON file and shows what it would create, update and leave unchanged before anything is written. Entries are matched by name (currency code, reseller name, user e-mail, profile and client name within their reseller). A file with any problem changes nothing."
    >
      <Group>
        <FileButton onChange={choose} accept="application/json,.json" disabled={busy}>
          {(props) => (
            <Button {...props} leftSection={<IconFileUpload size={18} />} variant="default">
              Choose file…
            </Button>
          )}
        </FileButton>
        <Switch
          label="Replace: also remove what the file does not list (in the sections it holds)"
          checked={replace}
          onChange={(event) => changeMode(event.currentTarget.checked)}
          disabled={busy}
        />
      </Group>

      {busy && <Activity step={step} />}
      {step.kind === 'failed' && (
        <Alert color="red" title={`${step.file.name} could not be checked`}>
          {step.message}
        </Alert>
      )}
      {(step.kind === 'previewed' || step.kind === 'applying') && (
        <PreviewView
          fileName={step.file.name}
          preview={step.preview}
          applying={step.kind === 'applying'}
          onApply={() => confirmApply(step.file, step.text, step.preview)}
        />
      )}
      {step.kind === 'idle' && result && (
        <Alert color="green" icon={<IconCircleCheck />} title={`Imported ${result.fileName}`}>
          <Stack gap="xs">
            <Text size="sm">
              {describePlan(result.result.plan)}
              {result.result.refills > 0 &&
                `; ${result.result.refills} ${result.result.refills === 1 ? 'balance rise counts' : 'balance rises count'} as refills`}
              .
            </Text>
            <ImportPlanTable
              caption="Import result"
              plan={result.result.plan}
              sections={result.result.sections}
              replace={result.result.replace}
            />
          </Stack>
        </Alert>
      )}
      {step.kind === 'idle' && !result && (
        <Text size="sm" c="dimmed">
          Choose a file exported from Lowbal, or written by your billing system in the same format (see
          docs/lowbal.schema.json).
        </Text>
      )}
    </Panel>
  );
}

/** Reading shows how much of the file is read; checking and importing take as long as the core needs. */
function Activity({ step }: { step: Extract<Step, { kind: 'reading' | 'validating' | 'applying' }> }) {
  const label = `${{ reading: 'Reading', validating: 'Checking', applying: 'Importing' }[step.kind]} ${step.file.name}`;
  const reading = step.kind === 'reading';
  return (
    <Stack gap={4}>
      <Text size="sm">{label}…</Text>
      <Progress
        value={reading ? step.percent : 100}
        animated={!reading}
        striped={!reading}
        aria-label={label}
      />
    </Stack>
  );
}

function PreviewView({
  fileName,
  preview,
  applying,
  onApply,
}: {
  fileName: string;
  preview: ImportPreview;
  applying: boolean;
  onApply: () => void;
}) {
  return (
    <Stack gap="sm">
      {preview.sections.length === 0 ? (
        preview.valid && <Text size="sm">{fileName} holds no section: there is nothing to import.</Text>
      ) : (
        <>
          <Text size="sm" fw={500}>
            {preview.valid ? `${fileName} would change:` : `The valid entries of ${fileName} would change:`}
          </Text>
          <ImportPlanTable
            caption="Import preview"
            plan={preview.plan}
            sections={preview.sections}
            replace={preview.replace}
          />
          {preview.refills > 0 && (
            <Text size="sm">
              {preview.refills} {preview.refills === 1 ? 'client’s balance rises' : 'clients’ balances rise'}:
              a refill, which resets their rule counters.
            </Text>
          )}
        </>
      )}
      {!preview.valid && (
        <ImportProblems
          key={`${fileName}-${preview.replace}-${preview.errorCount}`}
          errors={preview.errors}
          errorCount={preview.errorCount}
        />
      )}
      <Group>
        <Button
          leftSection={<IconUpload size={18} />}
          color={preview.replace ? 'red' : undefined}
          onClick={onApply}
          loading={applying}
          disabled={!preview.valid || preview.sections.length === 0}
        >
          {preview.replace ? 'Replace' : 'Apply'}
        </Button>
      </Group>
    </Stack>
  );
}
