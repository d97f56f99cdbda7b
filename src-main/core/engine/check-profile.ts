import type { Knex } from 'knex';
import { AppError } from '../../shared/errors';
import { displayAmount } from '../../shared/money';
import { sendableFrom } from '../../shared/quiet-hours';
import type {
  CheckSummary,
  EnginePreviewView,
  NotificationKind,
  PreviewRow,
} from '../../shared/schemas/notification';
import { convertInto, lowBound, type RatedCurrency } from '../clients/available-balance';
import type { CoreContext } from '../context';
import type { CheckRun } from './engine-runtime';
import { loadCompiledTemplates, type CompiledTemplates } from '../mail/templates/compiled-templates';
import { CHANNELS } from '../channels/registry';
import { enqueue, type OutboundMessage } from '../mail/outbox/enqueue';
import { TemplateError } from '../mail/templates/template-engine';
import { templateValues } from '../mail/templates/template-values';
import {
  countActiveClients,
  countSendingMatches,
  insertCutoffs,
  insertMatches,
  incrementCounts,
  loadCurrencyRates,
  loadProfileForCheck,
  loadRulesOn,
  outrankLessUrgent,
  prepareEvaluationTables,
  readEvaluationCounts,
  readMatchFacts,
  readPreviewMatches,
  readSkippedItems,
  readSkippedReasons,
  resetUnmatchedCounts,
  skipClientsWithoutRate,
  skipRenderFailure,
  type CurrencyRate,
  type Cutoff,
  type MatchFactsRow,
  type ProfileForCheck,
  type RenderedMatch,
  type RuleForCheck,
} from './evaluation-repo';
import { explainMatches } from './preview-explanations';
import { insertRecipients, skipUnusableAddresses } from './recipient-repo';
import { advanceSchedule, finishCheckRow, insertCheckRow, type CheckTrigger } from './schedule-repo';

const RENDER_BATCH = 500;
const SKIPPED_ITEMS_KEPT = 100;

/**
 * Per rule that is on and per currency a client may hold, the amount in that
 * currency below which the rule's threshold is crossed. Comparing
 * `balance + credit` with it in SQL is exact and needs no per-row conversion:
 * amounts × rates would overflow SQLite's 64-bit integers (10^15 × 10^14),
 * while the cutoff is computed once in BigInt (`lowBound`). A currency
 * without a rate (or a profile currency without one) gets no cutoff, so its
 * clients are skipped and reported.
 */
function computeCutoffs(
  profile: ProfileForCheck,
  rules: RuleForCheck[],
  currencies: CurrencyRate[],
): Cutoff[] {
  const cutoffs: Cutoff[] = [];
  for (const rule of rules) {
    for (const currency of currencies) {
      const comparable =
        currency.id === profile.currencyId || (currency.rateE8 !== null && profile.rateE8 !== null);
      if (!comparable) continue;
      // A Runway-only rule has no cutoff; its clients still need a rate, for the amounts its notice states.
      const cutoff =
        rule.threshold === null || currency.id === profile.currencyId
          ? rule.threshold
          : lowBound(rule.threshold, currency.rateE8!, profile.rateE8!);
      cutoffs.push({ ruleId: rule.id, currencyId: currency.id, cutoff });
    }
  }
  return cutoffs;
}

export interface Evaluation {
  profile: ProfileForCheck;
  rules: RuleForCheck[];
  currencies: Map<number, RatedCurrency>;
}

async function requireProfile(trx: Knex.Transaction, profileId: number): Promise<ProfileForCheck> {
  const profile = await loadProfileForCheck(trx, profileId);
  if (!profile) throw AppError.notFound('Profile');
  return profile;
}

/** Fills the temp tables of a check (matches, recipients, skips); writes nothing else. */
async function evaluate(trx: Knex.Transaction, profile: ProfileForCheck, now: number): Promise<Evaluation> {
  const rules = await loadRulesOn(trx, profile.id);
  const rates = await loadCurrencyRates(trx);
  await prepareEvaluationTables(trx);
  if (rules.length > 0) {
    const cutoffs = computeCutoffs(profile, rules, rates);
    await insertCutoffs(trx, cutoffs);
    // Every client holds one of these currencies: when all have a cutoff, none lacks a rate.
    if (rates.some((currency) => !cutoffs.some((cutoff) => cutoff.currencyId === currency.id))) {
      await skipClientsWithoutRate(trx, profile);
    }
    if (cutoffs.length > 0) {
      const amounts = cutoffs.map((cutoff) => cutoff.cutoff);
      const highest = amounts.includes(null) ? null : Math.max(...(amounts as number[]));
      await insertMatches(trx, profile, now, highest);
      if (profile.mostUrgentOnly) await outrankLessUrgent(trx);
    }
    await insertRecipients(trx);
    await skipUnusableAddresses(trx);
  }
  return { profile, rules, currencies: new Map(rates.map((rate) => [rate.id, rate])) };
}

/** Balance and available balance of a match, in the profile's currency (exact). */
function amountsInProfileCurrency(
  fact: Pick<MatchFactsRow, 'clientCurrencyId' | 'balance' | 'credit'>,
  evaluation: Evaluation,
) {
  const from = evaluation.currencies.get(fact.clientCurrencyId)!;
  const to = evaluation.currencies.get(evaluation.profile.currencyId)!;
  const convert = (units: number) => {
    const converted = convertInto(units, from, to);
    // Unreachable: a match exists only where a cutoff, hence a rate, exists.
    if (!converted.ok) throw new Error(converted.message);
    return converted.value;
  };
  return { balance: convert(fact.balance), available: convert(fact.balance + fact.credit) };
}

/** A match rendered as its rule kind's low-balance notice, or as the recovery message (SPEC §7). */
function renderMatch(
  fact: MatchFactsRow,
  evaluation: Evaluation,
  templates: CompiledTemplates,
  kind: NotificationKind,
): RenderedMatch {
  const { profile } = evaluation;
  const amounts = amountsInProfileCurrency(fact, evaluation);
  const values = templateValues({
    clientName: fact.clientName,
    clientEmail: fact.clientEmail,
    clientCurrencyCode: fact.clientCurrencyCode,
    resellerName: fact.resellerName,
    resellerEmail: fact.resellerEmail,
    profileName: profile.name,
    profileCurrencyCode: profile.currencyCode,
    ruleKind: fact.ruleKind,
    balance: fact.balance,
    credit: fact.credit,
    available: amounts.available,
    threshold: fact.threshold,
    // A recovery comes once the count was reset: no notice since the refill.
    count: kind === 'recovery' ? 0 : fact.countBefore + 1,
    maxQty: profile.maxQty,
    inactivity:
      fact.inactivityValue !== null && fact.inactivityUnit !== null
        ? { value: fact.inactivityValue, unit: fact.inactivityUnit }
        : null,
    runwayDays: fact.runwayDays,
  });
  return {
    clientId: fact.clientId,
    ruleId: fact.ruleId,
    ruleKind: fact.ruleKind,
    ...amounts,
    threshold: fact.threshold,
    count: values.count,
    recipients: fact.recipients,
    ...CHANNELS.get('email').render(templates[kind === 'recovery' ? 'recovery' : fact.ruleKind], values),
  };
}

/** The outbox's messages of rendered matches: one per recipient, in match order. */
function outboundMessages(
  rendered: RenderedMatch[],
  profile: ProfileForCheck,
  checkId: number | null,
  kind: NotificationKind,
): OutboundMessage[] {
  return rendered.flatMap((match) =>
    match.recipients.map((target) => ({
      channel: 'email',
      target,
      subject: match.subject,
      textBody: match.textBody,
      htmlBody: match.htmlBody,
      clientId: match.clientId,
      profileId: profile.id,
      profileName: profile.name,
      ruleId: match.ruleId,
      ruleKind: match.ruleKind,
      kind,
      checkId,
      balance: match.balance,
      available: match.available,
      threshold: match.threshold,
      currencyCode: profile.currencyCode,
      count: match.count,
    })),
  );
}

/**
 * Renders and queues the e-mails of every match that will send, a batch at a
 * time; returns how many. Created outside the profile's quiet hours, they are
 * held until the window opens (SPEC §7).
 */
export async function queueMatches(
  trx: Knex.Transaction,
  evaluation: Evaluation,
  templates: CompiledTemplates,
  params: { checkId: number | null; now: number; checkpoint: () => Promise<void>; kind: NotificationKind },
): Promise<number> {
  const sendable = sendableFrom(evaluation.profile.quietHours, params.now);
  const heldUntil = sendable > params.now ? sendable : null;
  let after = 0;
  let queued = 0;
  for (;;) {
    await params.checkpoint();
    const facts = await readMatchFacts(trx, after, RENDER_BATCH, params.now);
    if (facts.length === 0) return queued;
    const rendered: RenderedMatch[] = [];
    for (const fact of facts) {
      try {
        rendered.push(renderMatch(fact, evaluation, templates, params.kind));
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        await skipRenderFailure(trx, fact.clientId, fact.ruleId, `template error: ${error.message}`);
      }
    }
    const messages = outboundMessages(rendered, evaluation.profile, params.checkId, params.kind);
    queued += await enqueue(trx, messages, params.now, heldUntil);
    after = facts[facts.length - 1].seq;
  }
}

async function summarize(
  trx: Knex.Transaction,
  evaluation: Evaluation,
  times: { startedAt: number; finishedAt: number },
  checkId: number | null,
  queued: number | null,
): Promise<CheckSummary> {
  const counts = await readEvaluationCounts(trx);
  const active = await countActiveClients(trx, evaluation.profile.id);
  return {
    checkId,
    profileId: evaluation.profile.id,
    profileName: evaluation.profile.name,
    ...times,
    clientsEvaluated: active - counts.skippedByRate,
    matches: counts.matches,
    queued: queued ?? counts.emails,
    maxQtyReached: counts.maxQtyReached,
    skipped: counts.skipped,
    skippedReasons: await readSkippedReasons(trx),
    skippedItems: await readSkippedItems(trx, SKIPPED_ITEMS_KEPT),
  };
}

/** Where a check stands in its run: the run reports progress and may be cancelled between steps. */
export interface CheckStep {
  run: CheckRun;
  /** 0-based position of the profile in the run. */
  index: number;
}

/**
 * Checks one profile (SPEC §3): evaluates every active client against each
 * rule that is on, resets the counts of rules no longer matching, queues one
 * e-mail per usable recipient of each match Max Qty allows and counts it, and
 * records the check — all in one transaction. The next check is one Period
 * from now. Between its steps it lets other work in and stops (rolling back)
 * when its run was cancelled.
 */
export async function runCheck(
  ctx: CoreContext,
  profileId: number,
  trigger: CheckTrigger,
  step?: CheckStep,
): Promise<CheckSummary> {
  const templates = await loadCompiledTemplates(ctx.db, ctx.log);
  const checkpoint = () => step?.run.checkpoint() ?? Promise.resolve();
  const summary = await ctx.db.transaction(async (trx) => {
    const startedAt = ctx.now();
    const profile = await requireProfile(trx, profileId);
    step?.run.beginProfile(step.index + 1, profile.name);
    const evaluation = await evaluate(trx, profile, startedAt);
    if (step) step.run.evaluating(await countActiveClients(trx, profile.id));
    await checkpoint();
    const checkId = await insertCheckRow(trx, profile, trigger, startedAt);
    let queued = 0;
    if (evaluation.rules.length > 0) {
      await resetUnmatchedCounts(trx, profile.id);
      queued = await queueMatches(trx, evaluation, templates, {
        checkId,
        now: startedAt,
        checkpoint,
        kind: 'low_balance',
      });
      await checkpoint();
      await incrementCounts(trx, startedAt);
    }
    const finishedAt = ctx.now();
    const result = await summarize(trx, evaluation, { startedAt, finishedAt }, checkId, queued);
    await finishCheckRow(trx, checkId, {
      finishedAt,
      clientsEvaluated: result.clientsEvaluated,
      matches: result.matches,
      queued: result.queued,
      skipped: result.skipped,
      detail: {
        reasons: result.skippedReasons,
        items: result.skippedItems,
        maxQtyReached: result.maxQtyReached,
      },
    });
    await advanceSchedule(trx, profile.id, startedAt, startedAt + profile.periodSeconds * 1000);
    return result;
  });
  step?.run.finishProfile(summary.clientsEvaluated);
  ctx.log.info('check finished', {
    profile: summary.profileId,
    trigger,
    clients: summary.clientsEvaluated,
    matches: summary.matches,
    queued: summary.queued,
    skipped: summary.skipped,
  });
  return summary;
}

/**
 * A dry run of a check: which clients, rules and recipients a check would
 * e-mail now. Runs the same evaluation, then reads it instead of writing.
 */
export async function previewCheck(
  ctx: CoreContext,
  profileId: number,
  limit: number,
): Promise<EnginePreviewView> {
  return ctx.db.transaction(async (trx) => {
    const now = ctx.now();
    const profile = await requireProfile(trx, profileId);
    const evaluation = await evaluate(trx, profile, now);
    const matches = await readPreviewMatches(trx, limit, now);
    const explained = await explainMatches(trx, {
      now,
      limit,
      currencyCode: profile.currencyCode,
      maxQty: profile.maxQty,
      availableOf: (client) =>
        displayAmount(
          amountsInProfileCurrency({ clientCurrencyId: client.currencyId, ...client }, evaluation).available,
          profile.currencyCode,
        ),
    });
    const rows = matches.map((fact): PreviewRow => ({
      clientId: fact.clientId,
      clientName: fact.clientName,
      ruleId: fact.ruleId,
      ruleKind: fact.ruleKind,
      available: amountsInProfileCurrency(fact, evaluation).available,
      threshold: fact.threshold,
      count: fact.countBefore + 1,
      recipients: fact.recipients,
      conditions: explained.sending.get(`${fact.clientId}:${fact.ruleId}`) ?? [],
    }));
    const sendable = sendableFrom(profile.quietHours, now);
    const summary = await summarize(trx, evaluation, { startedAt: now, finishedAt: ctx.now() }, null, null);
    return {
      profileId: profile.id,
      profileName: profile.name,
      currencyCode: profile.currencyCode,
      maxQty: profile.maxQty,
      total: await countSendingMatches(trx),
      rows,
      heldBack: explained.heldBack,
      heldUntil: sendable > now ? sendable : null,
      emails: summary.queued,
      summary,
    };
  });
}
