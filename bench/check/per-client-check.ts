import type { Knex } from 'knex';
import { convertInto, inactiveSince, ruleMatches } from '../../src-main/core/clients/available-balance';
import { readRunway, runwayWithin } from '../../src-main/core/clients/runway-sql';
import { silentLogger } from '../../src-main/core/logger';
import { loadCompiledTemplates } from '../../src-main/core/mail/templates/compiled-templates';
import { renderMail } from '../../src-main/core/mail/templates/template-engine';
import { templateValues } from '../../src-main/core/mail/templates/template-values';
import { isValidEmail } from '../../src-main/shared/email';
import type { DurationUnit } from '../../src-main/shared/duration';
import type { RuleKind } from '../../src-main/shared/views';

/**
 * Baseline A of the check benchmark: the straightforward check a first
 * version would have, written here on purpose and used nowhere else. It walks
 * the clients one by one and asks the database about each of them — its row,
 * its last charge, its counter per rule — then inserts one notification per
 * recipient. It applies the same rules as the engine (SPEC §3) with the app's
 * own conversion, matching and templates, so both do the same work; only the
 * shape of the queries differs.
 */

interface NaiveRule {
  id: number;
  kind: RuleKind;
  threshold: number;
  notify: boolean;
  inactivitySeconds: number | null;
  inactivity: { value: number; unit: DurationUnit } | null;
  runwayDays: number | null;
  userEmails: string[];
  emails: string[];
}

export interface PerClientCheckResult {
  clients: number;
  queued: number;
}

async function loadRules(db: Knex, profileId: number): Promise<NaiveRule[]> {
  const rules = await db('rules').where({ profile_id: profileId }).whereNotNull('threshold').orderBy('id');
  const loaded: NaiveRule[] = [];
  for (const rule of rules) {
    const userEmails: string[] = await db('rule_users')
      .join('users', 'users.id', 'rule_users.user_id')
      .where('rule_users.rule_id', rule.id)
      .pluck('users.email');
    const emails: string[] = await db('rule_emails')
      .where({ rule_id: rule.id })
      .orderBy('position')
      .pluck('email');
    loaded.push({
      id: rule.id,
      kind: rule.kind,
      threshold: rule.threshold,
      notify: Boolean(rule.notify),
      inactivitySeconds: rule.inactivity_seconds,
      inactivity:
        rule.inactivity_value === null ? null : { value: rule.inactivity_value, unit: rule.inactivity_unit },
      runwayDays: rule.runway_days,
      userEmails,
      emails,
    });
  }
  return loaded;
}

/** Checks every profile over the active clients whose id is at most `lastClientId`. */
export async function perClientCheck(
  db: Knex,
  lastClientId: number,
  now: number,
): Promise<PerClientCheckResult> {
  const templates = await loadCompiledTemplates(db, silentLogger);
  const result: PerClientCheckResult = { clients: 0, queued: 0 };
  const profiles = await db('profiles')
    .join('currencies', 'currencies.id', 'profiles.currency_id')
    .orderBy(['profiles.sort_order', 'profiles.name'])
    .select('profiles.*', 'currencies.code as currency_code', 'currencies.rate_e8');
  for (const profile of profiles) {
    const profileCurrency = { id: profile.currency_id, code: profile.currency_code, rateE8: profile.rate_e8 };
    const rules = await loadRules(db, profile.id);
    const clientIds: number[] = await db('clients')
      .where({ profile_id: profile.id, active: 1 })
      .where('id', '<=', lastClientId)
      .orderBy('id')
      .pluck('id');
    for (const clientId of clientIds) {
      result.clients += 1;
      const client = await db('clients')
        .join('currencies', 'currencies.id', 'clients.currency_id')
        .join('resellers', 'resellers.id', 'clients.reseller_id')
        .where('clients.id', clientId)
        .first(
          'clients.*',
          'currencies.code as currency_code',
          'currencies.rate_e8',
          'resellers.name as reseller_name',
          'resellers.email as reseller_email',
        );
      const lastCharge = await db('balance_events')
        .where({ client_id: clientId, kind: 'charge' })
        .max({ at: 'at' })
        .first();
      const clientCurrency = { id: client.currency_id, code: client.currency_code, rateE8: client.rate_e8 };
      const available = convertInto(client.balance + client.credit, clientCurrency, profileCurrency);
      if (!available.ok) continue;
      const lastActiveAt = inactiveSince({
        lastChargeAt: lastCharge?.at ?? null,
        createdAt: client.created_at,
      });
      // A rule with a Runway asks for this client's burn rate (SPEC §7), as the client page does.
      const runway = rules.some((rule) => rule.runwayDays !== null)
        ? await readRunway(db, clientId, now)
        : null;
      for (const rule of rules) {
        const state = await db('rule_state').where({ client_id: clientId, rule_id: rule.id }).first();
        const count: number = state?.count ?? 0;
        const runwayHolds =
          rule.runwayDays === null || runwayWithin(runway, client.balance + client.credit, rule.runwayDays);
        if (!ruleMatches(rule, available.value, lastActiveAt, now) || !runwayHolds) {
          if (count > 0)
            await db('rule_state').where({ client_id: clientId, rule_id: rule.id }).update({ count: 0 });
          continue;
        }
        if (profile.max_qty > 0 && count >= profile.max_qty) continue;
        const candidates =
          rule.kind === 'user'
            ? [rule.notify ? client.reseller_email : null, ...rule.userEmails, ...rule.emails]
            : [rule.notify ? client.billing_email : null, ...rule.emails];
        const recipients = [
          ...new Map(
            candidates
              .filter((address): address is string => typeof address === 'string' && isValidEmail(address))
              .map((address) => [address.toLowerCase(), address]),
          ).values(),
        ];
        if (recipients.length === 0) continue;
        const mail = renderMail(
          templates[rule.kind],
          templateValues({
            clientName: client.name,
            clientEmail: client.billing_email,
            clientCurrencyCode: client.currency_code,
            resellerName: client.reseller_name,
            resellerEmail: client.reseller_email,
            profileName: profile.name,
            profileCurrencyCode: profile.currency_code,
            ruleKind: rule.kind,
            balance: client.balance,
            credit: client.credit,
            available: available.value,
            threshold: rule.threshold,
            count: count + 1,
            maxQty: profile.max_qty,
            inactivity: rule.inactivity,
            runwayDays: runway?.days ?? null,
          }),
        );
        for (const recipient of recipients) {
          await db('notifications').insert({
            client_id: clientId,
            profile_id: profile.id,
            rule_id: rule.id,
            rule_kind: rule.kind,
            profile_name: profile.name,
            recipient,
            subject: mail.subject,
            text_body: mail.textBody,
            html_body: mail.htmlBody,
            status: 'queued',
            next_attempt_at: now,
            created_at: now,
            balance: client.balance,
            available: available.value,
            threshold: rule.threshold,
            currency_code: profile.currency_code,
            count: count + 1,
          });
          result.queued += 1;
        }
        if (state) {
          await db('rule_state')
            .where({ client_id: clientId, rule_id: rule.id })
            .update({ count: count + 1, last_notified_at: now });
        } else {
          await db('rule_state').insert({
            client_id: clientId,
            rule_id: rule.id,
            count: 1,
            last_notified_at: now,
          });
        }
      }
    }
  }
  return result;
}
