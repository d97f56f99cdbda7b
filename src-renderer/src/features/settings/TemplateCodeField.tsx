import type { Completion } from '@codemirror/autocomplete';
import { liquid } from '@codemirror/lang-liquid';
import { LanguageSupport, StreamLanguage } from '@codemirror/language';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { Input, Stack, Text } from '@mantine/core';
import { useId } from '@mantine/hooks';
import CodeMirror, { type ReactCodeMirrorRef } from '@uiw/react-codemirror';
import { useEffect, useMemo, useRef } from 'react';
import type { TemplateProblem, TemplateVariableView } from '@shared/schemas/mail';
import { codeEditorTheme } from './code-editor-theme';

/** Text with nothing to highlight: the base under Liquid in the subject and the text body. */
const plainText = new LanguageSupport(
  StreamLanguage.define({
    token: (stream) => {
      stream.skipToEnd();
      return null;
    },
  }),
);

/** A subject stays on one line: typed or pasted line breaks become spaces. */
const oneLine = EditorState.transactionFilter.of((transaction) => {
  if (!transaction.docChanged || transaction.newDoc.lines === 1) return transaction;
  return [
    transaction,
    {
      changes: {
        from: 0,
        to: transaction.newDoc.length,
        insert: transaction.newDoc.toString().replace(/\r?\n/g, ' '),
      },
      sequential: true,
    },
  ];
});

/** The check's problems of this part, as CodeMirror marks (within the text, which may have moved on). */
function diagnosticsOf(problems: TemplateProblem[], length: number): Diagnostic[] {
  return problems.map((problem) => ({
    from: Math.min(problem.from, length),
    to: Math.min(Math.max(problem.to, problem.from), length),
    severity: 'error',
    message: problem.message,
  }));
}

/**
 * One part of a template in CodeMirror: Liquid highlighting (over HTML for the HTML body), completion of the
 * template variables (`{{ ` or Ctrl+Space), and the check's problems marked where they are and listed under
 * the field. Tab leaves the field, as in any other input.
 */
export function TemplateCodeField({
  label,
  description,
  value,
  onChange,
  html = false,
  singleLine = false,
  variables,
  problems,
  checkedText,
  error,
}: {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  html?: boolean;
  singleLine?: boolean;
  variables: readonly TemplateVariableView[];
  /** The problems the check found in `checkedText`; marked once it is the text in the editor. */
  problems: TemplateProblem[];
  checkedText: string | null;
  /** A message about the field that is not the check's (e.g. from the save). */
  error?: string;
}) {
  const id = useId();
  const editor = useRef<ReactCodeMirrorRef>(null);
  const messages = [...problems.map((problem) => problem.message), ...(error ? [error] : [])];
  const invalid = messages.length > 0;

  const extensions = useMemo<Extension[]>(() => {
    const completions: Completion[] = variables.map((variable) => ({
      label: variable.name,
      type: 'variable',
      info: variable.description,
    }));
    return [
      liquid({ variables: completions, ...(html ? {} : { base: plainText }) }),
      codeEditorTheme,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        // Focusable as it is (contenteditable); saying so lets checkers see the scroll area can be reached.
        tabindex: '0',
        'aria-labelledby': `${id}-label`,
        'aria-describedby': [description && `${id}-description`, `${id}-problems`].filter(Boolean).join(' '),
      }),
      ...(singleLine ? [oneLine] : []),
    ];
  }, [variables, html, singleLine, id, description]);

  // The marks follow the check, but only once it has looked at the text shown; until then the old marks
  // move with the edits.
  useEffect(() => {
    const view = editor.current?.view;
    if (!view || checkedText === null || view.state.doc.toString() !== checkedText) return;
    view.dispatch(setDiagnostics(view.state, diagnosticsOf(problems, view.state.doc.length)));
  }, [problems, checkedText]);

  useEffect(() => {
    const content = editor.current?.view?.contentDOM;
    if (content) content.setAttribute('aria-invalid', String(invalid));
    editor.current?.editor?.toggleAttribute('data-invalid', invalid);
  }, [invalid]);

  return (
    <Input.Wrapper label={label} description={description} id={id} labelProps={{ id: `${id}-label` }}>
      <CodeMirror
        ref={editor}
        value={value}
        onChange={onChange}
        extensions={extensions}
        theme="none"
        indentWithTab={false}
        minHeight={singleLine ? undefined : '8rem'}
        maxHeight={singleLine ? undefined : '22rem'}
        basicSetup={{
          lineNumbers: !singleLine,
          foldGutter: false,
          highlightActiveLine: false,
          highlightActiveLineGutter: false,
          searchKeymap: !singleLine,
        }}
      />
      <Stack gap={2} id={`${id}-problems`} mt={4} aria-live="polite">
        {messages.map((message, index) => (
          <Text key={index} size="xs" c="red">
            {message}
          </Text>
        ))}
      </Stack>
    </Input.Wrapper>
  );
}
