import { IfTag, Output, TypeGuards, UnlessTag, type Liquid, type Template } from 'liquidjs';

/**
 * A faster way to render a parsed template that gives exactly what Liquid
 * gives. A check renders the same few templates for every match, and
 * Liquid's general renderer (a generator per node, a context per render)
 * costs more than the rest of the e-mail. A plan renders the top-level nodes
 * of a template in order, as Liquid does, but:
 *
 * - text is copied as is (what Liquid's HTML node writes);
 * - `{{ name }}` (no filters but the engine's output escape) reads the
 *   variable and stringifies it as Liquid does, escaping it with the engine's
 *   own escape function;
 * - `if`/`unless` blocks holding only text and such outputs are rendered by
 *   Liquid itself and remembered by the values of the variables they read
 *   (nothing else can change their output: no filters, no tags that keep state).
 *
 * A template with anything else (other tags, filters) gets no plan and is
 * rendered by Liquid as before. Values the plan cannot print exactly
 * as Liquid would (a variable missing or not a plain string or number, a
 * render near Liquid's memory limit) are rendered by Liquid too, so its errors
 * stay the same. (Liquid's time limit, a second per render, is far beyond
 * what these plain templates take.)
 */

type Escape = (this: unknown, value: string) => string;

interface VariablePart {
  variable: string;
}

interface RememberedPart {
  node: Template;
  variables: string[];
  memo: Map<string, string>;
}

type Part = string | VariablePart | RememberedPart;

export interface RenderPlan {
  parts: Part[];
  /** Outputs in the whole template, nested ones included (bounds the memory a render uses). */
  outputs: number;
}

/** Liquid answers these names specially (`size` of the scope, …) even when a value has them. */
const SPECIAL_NAMES = new Set(['size', 'first', 'last']);

/** A remembered block is rendered again once this many different values were seen. */
const MEMO_LIMIT = 1_000;

/** Liquid's escape counts the characters it writes against the memory limit; the plan needs no such context. */
const ESCAPE_THIS = { context: { memoryLimit: { use: () => undefined } } };

/** Text between tags and outputs: Liquid's HTML node, which writes its `str` as is. */
function isHtml(node: Template): node is Template & { str: string } {
  return TypeGuards.isHTMLToken(node.token) && typeof (node as { str?: unknown }).str === 'string';
}

/** The variable a `{{ name }}` output prints, when it is nothing more than that. */
function simpleVariable(node: Template, escape: Escape | undefined): string | null {
  if (!(node instanceof Output)) return null;
  const { filters, initial } = node.value;
  const onlyEscape = escape
    ? filters.length === 1 && (filters[0] as unknown as { handler: unknown }).handler === escape
    : filters.length === 0;
  if (!onlyEscape || initial.postfix.length !== 1) return null;
  const [token] = initial.postfix;
  if (!TypeGuards.isPropertyAccessToken(token) || token.variable || token.props.length !== 1) return null;
  const [prop] = token.props;
  if (!TypeGuards.isWordToken(prop)) return null;
  return SPECIAL_NAMES.has(prop.content) ? null : prop.content;
}

/** Outputs inside a block the plan may remember, or null when the block holds anything else. */
function rememberableOutputs(node: Template, escape: Escape | undefined): number | null {
  if (isHtml(node)) return 0;
  if (simpleVariable(node, escape) !== null) return 1;
  if (!(node instanceof IfTag) && !(node instanceof UnlessTag)) return null;
  let outputs = 0;
  const children = [...node.branches.flatMap((branch) => branch.templates), ...(node.elseTemplates ?? [])];
  for (const branch of node.branches) {
    if (branch.value.filters.length > 0) return null;
  }
  for (const child of children) {
    const count = rememberableOutputs(child, escape);
    if (count === null) return null;
    outputs += count;
  }
  return outputs;
}

export function planTemplate(engine: Liquid, templates: Template[]): RenderPlan | null {
  const escape = engine.options.outputEscape as Escape | undefined;
  const parts: Part[] = [];
  let outputs = 0;
  for (const node of templates) {
    const variable = simpleVariable(node, escape);
    if (isHtml(node)) {
      parts.push(node.str);
    } else if (variable !== null) {
      parts.push({ variable });
      outputs += 1;
    } else {
      const nested = rememberableOutputs(node, escape);
      if (nested === null) return null;
      parts.push({ node, variables: engine.globalVariablesSync([node]), memo: new Map() });
      outputs += nested;
    }
  }
  return { parts, outputs };
}

/** Longest printable value: a render of the plan writes at most `outputs ×` this many characters. */
export function longestValue(values: object): number {
  let longest = 0;
  for (const value of Object.values(values)) longest = Math.max(longest, String(value).length);
  return longest;
}

function isPlain(values: Record<string, unknown>, name: string): boolean {
  const value = Object.hasOwn(values, name) ? values[name] : undefined;
  return typeof value === 'string' || typeof value === 'number';
}

/**
 * Whether the plan renders these values exactly as Liquid would: every
 * variable it reads is a plain string or number of the values, and the render
 * stays inside Liquid's memory limit (only the escape of the outputs counts
 * against it here), which a full render would enforce.
 */
export function canUsePlan(
  engine: Liquid,
  plan: RenderPlan,
  values: Record<string, unknown>,
  longest: number,
): boolean {
  if (plan.outputs * longest >= engine.options.memoryLimit) return false;
  return plan.parts.every(
    (part) =>
      typeof part === 'string' ||
      ('variable' in part
        ? isPlain(values, part.variable)
        : part.variables.every((name) => isPlain(values, name))),
  );
}

/** Renders a plan for values `canUsePlan` accepted. */
export function renderPlan(engine: Liquid, plan: RenderPlan, values: Record<string, unknown>): string {
  const escape = engine.options.outputEscape as Escape | undefined;
  let out = '';
  for (const part of plan.parts) {
    if (typeof part === 'string') {
      out += part;
    } else if ('variable' in part) {
      const text = String(values[part.variable]);
      out += escape ? escape.call(ESCAPE_THIS, text) : text;
    } else {
      const key = JSON.stringify(part.variables.map((name) => values[name]));
      let text = part.memo.get(key);
      if (text === undefined) {
        text = String(engine.renderSync([part.node], values));
        if (part.memo.size >= MEMO_LIMIT) part.memo.clear();
        part.memo.set(key, text);
      }
      out += text;
    }
  }
  return out;
}
