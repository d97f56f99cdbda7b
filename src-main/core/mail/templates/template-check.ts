import { LiquidError, type Template } from 'liquidjs';
import { singleLine } from '../../../shared/header-text';
import {
  TEMPLATE_PART_LABELS,
  TEMPLATE_PART_NAMES,
  type TemplateBody,
  type TemplateProblem,
} from '../../../shared/schemas/mail';
import { PART_ENGINES } from './template-engine';
import { findTemplateVariable, type TemplateValues } from './template-variables';

/** Where each line of `text` starts (0-based offsets). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

class PartChecker {
  readonly problems: TemplateProblem[] = [];
  private readonly starts: number[];
  private readonly label: string;

  constructor(
    readonly part: keyof TemplateBody,
    readonly text: string,
  ) {
    this.starts = lineStarts(text);
    this.label = TEMPLATE_PART_LABELS[part];
  }

  /** A problem at 1-based `line`/`column`, marking `length` characters from there (within the line). */
  at(line: number, column: number, length: number, what: string, variable?: string): void {
    this.add(line, column, length, `${this.label}, line ${line}: ${what}`, variable);
  }

  required(): void {
    this.add(1, 1, 0, `${this.label} is required`);
  }

  private add(line: number, column: number, length: number, message: string, variable?: string): void {
    const start = this.starts[Math.min(line, this.starts.length) - 1] ?? 0;
    const lineEnd = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
    const from = Math.min(start + column - 1, this.text.length);
    const to = Math.max(from, Math.min(from + length, lineEnd));
    this.problems.push({
      field: this.part,
      line,
      column,
      from,
      to,
      ...(variable === undefined ? {} : { variable }),
      message,
    });
  }

  /** Liquid's own error (a syntax error, an unknown filter, a failed render), at its token. */
  liquidError(error: unknown): void {
    const token = error instanceof LiquidError ? error.token : undefined;
    const message = (error instanceof Error ? error.message : String(error))
      .split('\n')[0]
      .replace(/, line:\d+, col:\d+$/, '');
    // Liquid's errors carry their token; anything else is put at the start.
    if (!token) {
      this.at(1, 1, 0, message);
      return;
    }
    const [line, column] = token.getPosition();
    this.at(line, column, token.end - token.begin, message);
  }

  /**
   * Variables no template has, wherever they are, in any branch; and properties the values lack: text
   * has its `size` and its characters (`client[0]`, `client[count]`), a number has nothing.
   */
  variables(parsed: Template[]): void {
    const { globals } = PART_ENGINES[this.part].analyzeSync(parsed, { partials: false });
    for (const [name, uses] of Object.entries(globals)) {
      const variable = findTemplateVariable(name);
      for (const use of uses) {
        const { row, col } = use.location;
        if (!variable) {
          this.at(row, col, name.length, `unknown variable "${name}"`, name);
          continue;
        }
        const property = use.segments[1];
        if (property === undefined) continue;
        const length = name.length + 1 + String(property).length;
        if (variable.numeric) {
          this.at(row, col, length, `"${name}" is a number, it has no "${property}"`);
        } else if (typeof property === 'string' && property !== 'size') {
          this.at(row, col, length, `"${name}" is plain text, it has no "${property}"`);
        }
      }
    }
  }
}

/**
 * The check a template passes before it is saved, and that the editor runs as the operator types: each
 * part must parse (Liquid's syntax, known filters, no file includes), use only the template variables,
 * and render with `values` (a subject must not render empty). Returns every problem found, by part, with
 * the line and what to mark; an empty list when the template can be saved.
 */
export function checkTemplate(body: TemplateBody, values: TemplateValues): TemplateProblem[] {
  return TEMPLATE_PART_NAMES.flatMap((part) => {
    const checker = new PartChecker(part, body[part]);
    if (body[part].trim() === '') {
      checker.required();
      return checker.problems;
    }
    let parsed: Template[];
    try {
      parsed = PART_ENGINES[part].parse(body[part]);
    } catch (error) {
      checker.liquidError(error);
      return checker.problems;
    }
    checker.variables(parsed);
    if (checker.problems.length) return checker.problems;
    try {
      const rendered = String(PART_ENGINES[part].renderSync(parsed, values));
      if (part === 'subject' && singleLine(rendered) === '') checker.at(1, 1, 0, 'renders as an empty line');
    } catch (error) {
      checker.liquidError(error);
    }
    return checker.problems;
  });
}
