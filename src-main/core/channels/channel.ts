import type { OutboxChannel } from '../mail/outbox/channel';
import type { SendResult } from '../mail/outbox/delivery-policy';
import type { CompiledTemplate, RenderedMail } from '../mail/templates/template-engine';
import type { TemplateValues } from '../mail/templates/template-values';

/** A failed send as the outbox sorts it. */
export type SendFailure = Exclude<SendResult, { kind: 'delivered' }>;

/**
 * The rendered payload an outbox row carries (`subject`, `text_body`,
 * `html_body`): e-mail uses all three, a text channel the text only.
 */
export type RenderedPayload = RenderedMail;

/**
 * One way to deliver notifications (SPEC §6), one module per channel in
 * `core/channels/<name>/`, listed once in `registry.ts`. The engine decides
 * who gets a notice; the channel decides what a target looks like, what the
 * message says and how it travels; the outbox (`OutboxChannel`) does claims,
 * outcomes, retries and outages alike for every channel.
 */
export interface Channel<Config, Failure = unknown> extends OutboxChannel<Config> {
  /** The problem with one target (an address, a phone number, a destination) in words; null when usable. */
  validateTarget(target: string): string | null;
  /** The payload of one notice from its template and values; throws `TemplateError`. */
  render(template: CompiledTemplate, values: TemplateValues): RenderedPayload;
  /** Sorts what went wrong in a send into the outbox's outcomes. */
  classifyFailure(failure: Failure): SendFailure;
}
