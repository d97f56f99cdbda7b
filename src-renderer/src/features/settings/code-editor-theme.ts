import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/**
 * CodeMirror in Mantine's colours: every colour is one of the theme's CSS variables, so the editor follows
 * the colour scheme and its text keeps the theme's AA contrast (the `-text` shades are worked out for it).
 */
const editorTheme = EditorView.theme({
  '&': {
    color: 'var(--mantine-color-text)',
    backgroundColor: 'var(--mantine-color-default)',
    border: '1px solid var(--mantine-color-default-border)',
    borderRadius: 'var(--mantine-radius-default)',
    fontSize: 'var(--mantine-font-size-sm)',
  },
  '&.cm-focused': {
    outline: 'none',
    borderColor: 'var(--lowbal-focus-ring)',
    boxShadow: '0 0 0 1px var(--lowbal-focus-ring)',
  },
  '&[data-invalid]': { borderColor: 'var(--mantine-color-error)' },
  '.cm-content': {
    fontFamily: 'var(--mantine-font-family-monospace)',
    caretColor: 'var(--mantine-color-text)',
  },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--mantine-color-text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--mantine-color-default)',
    color: 'var(--mantine-color-dimmed)',
    borderRight: '1px solid var(--mantine-color-default-border)',
  },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--mantine-primary-color-light-hover)',
  },
  '.cm-tooltip': {
    color: 'var(--mantine-color-text)',
    backgroundColor: 'var(--mantine-color-body)',
    border: '1px solid var(--mantine-color-default-border)',
    borderRadius: 'var(--mantine-radius-sm)',
  },
  '.cm-tooltip-autocomplete ul li[aria-selected]': {
    color: 'var(--mantine-color-text)',
    backgroundColor: 'var(--mantine-primary-color-light-hover)',
  },
  '.cm-completionDetail, .cm-completionInfo': { color: 'var(--mantine-color-dimmed)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--mantine-color-error)' },
  '.cm-lintRange-error': {
    backgroundImage: 'none',
    textDecoration: 'underline wavy var(--mantine-color-error)',
    textUnderlineOffset: '3px',
  },
});

const highlightStyle = HighlightStyle.define([
  {
    tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword],
    color: 'var(--mantine-color-violet-text)',
  },
  { tag: [tags.variableName, tags.propertyName], color: 'var(--mantine-color-blue-text)' },
  {
    tag: [tags.function(tags.variableName), tags.special(tags.variableName)],
    color: 'var(--mantine-color-teal-text)',
  },
  { tag: [tags.string, tags.attributeValue], color: 'var(--mantine-color-green-text)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--mantine-color-cyan-text)' },
  { tag: [tags.tagName, tags.angleBracket], color: 'var(--mantine-color-red-text)' },
  { tag: tags.attributeName, color: 'var(--mantine-color-orange-text)' },
  { tag: [tags.comment, tags.meta], color: 'var(--mantine-color-dimmed)', fontStyle: 'italic' },
  { tag: [tags.brace, tags.operator, tags.punctuation], color: 'var(--mantine-color-text)' },
  { tag: tags.invalid, color: 'var(--mantine-color-error)' },
]);

export const codeEditorTheme = [editorTheme, syntaxHighlighting(highlightStyle)];
