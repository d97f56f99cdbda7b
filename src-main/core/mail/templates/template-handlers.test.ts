import { describe, expect, it } from 'vitest';
import { RULE_KINDS } from '../../../shared/schemas/mail';
import { TEMPLATE_KINDS } from '../../../shared/template-kinds';
import { closedAfterEach } from '../../../test-support/closed-after-each';
import { createEngineWorld, DAY } from '../../../test-support/engine-world';
import { DEFAULT_TEMPLATES } from './default-templates';
import { TEMPLATE_VARIABLES } from './template-variables';

const openWorld = closedAfterEach(createEngineWorld);

const body = (overrides: Partial<{ subject: string; textBody: string; htmlBody: string }> = {}) => ({
  subject: 'Low: {{ client }}',
  textBody: 'Text {{ available_balance }}',
  htmlBody: '<p>{{ client }}</p>',
  ...overrides,
});

describe('templates', () => {
  it('ship a default per rule kind that renders every variable it uses', async () => {
    const world = await openWorld();
    const { templates, variables } = await world.core.call('templates.list', {});
    expect(templates.map((t) => [t.kind, t.customized])).toEqual(TEMPLATE_KINDS.map((kind) => [kind, false]));
    expect(variables).toEqual(TEMPLATE_VARIABLES);
    for (const kind of RULE_KINDS) {
      const preview = await world.core.call('templates.preview', { kind, template: DEFAULT_TEMPLATES[kind] });
      expect(preview.subject).toContain('12.50 USD');
      expect(preview.textBody).toContain('20.00 USD');
      expect(preview.htmlBody).toContain('<strong>12.50 USD</strong>');
      expect(preview.textBody).toContain('notice 1 of at most 3');
    }
    const recovery = await world.core.call('templates.preview', {
      kind: 'recovery',
      template: DEFAULT_TEMPLATES.recovery,
    });
    expect(recovery.subject).toBe('Balance restored: Client One has 12.50 USD available');
    expect(recovery.htmlBody).toContain('<strong>12.50 USD</strong>');
  });

  it('save, and reset to the default', async () => {
    const world = await openWorld();
    const saved = await world.core.call('templates.save', { kind: 'client', template: body() });
    expect(saved).toMatchObject({ kind: 'client', customized: true, subject: 'Low: {{ client }}' });
    expect(await world.core.call('templates.get', { kind: 'client' })).toMatchObject({ customized: true });
    expect(await world.core.call('templates.get', { kind: 'user' })).toMatchObject({ customized: false });
    const reset = await world.core.call('templates.reset', { kind: 'client' });
    expect(reset).toMatchObject({ customized: false, subject: DEFAULT_TEMPLATES.client.subject });
  });

  it.each([
    ['an unknown variable', { subject: 'Low: {{ clinet }}' }, 'template.subject', /clinet/],
    ['an unknown filter', { textBody: '{{ client | shout }}' }, 'template.textBody', /shout/],
    ['a syntax error', { htmlBody: '{% if client %}<p>' }, 'template.htmlBody', /HTML body/],
    ['an include (no file system)', { htmlBody: "{% include 'secrets' %}" }, 'template.htmlBody', /secrets/],
    ['an empty subject', { subject: '{{ rule_kind | remove: rule_kind }}' }, 'template.subject', /empty/],
  ])('refuse %s, naming the field, and save nothing', async (_what, overrides, path, message) => {
    const world = await openWorld();
    const error = await world.core.callError('templates.save', { kind: 'user', template: body(overrides) });
    expect(error.code).toBe('validation');
    expect(error.issues[0].path).toBe(path);
    expect(error.issues[0].message).toMatch(message);
    expect(await world.core.call('templates.get', { kind: 'user' })).toMatchObject({ customized: false });
  });

  it('check reports what save refuses, with the line and the variable, for a draft as typed', async () => {
    const world = await openWorld();
    const draft = body({ subject: '', textBody: 'Hi {{ client }}\n{{ clinet }}', htmlBody: '{% if x %}' });
    const { problems } = await world.core.call('templates.check', { kind: 'client', template: draft });
    expect(problems.map((p) => p.message)).toEqual([
      'Subject is required',
      'Text body, line 2: unknown variable "clinet"',
      'HTML body, line 1: tag {% if x %} not closed',
    ]);
    expect(problems[1]).toMatchObject({ field: 'textBody', line: 2, column: 4, variable: 'clinet' });

    const saving = body({ textBody: draft.textBody, htmlBody: draft.htmlBody });
    const error = await world.core.callError('templates.save', { kind: 'client', template: saving });
    const checked = await world.core.call('templates.check', { kind: 'client', template: saving });
    expect(error.issues).toEqual(
      checked.problems.map((p) => ({ path: `template.${p.field}`, message: p.message })),
    );
    expect(error.message).toBe('2 fields need attention: Text body, line 2: unknown variable "clinet"');
    expect((await world.core.call('templates.check', { kind: 'client', template: body() })).problems).toEqual(
      [],
    );
  });

  it('preview for a chosen client with its profile, rule and count', async () => {
    const world = await openWorld();
    const eur = await world.addCurrency('EUR', '0.5');
    const profileId = await world.addProfile({
      maxQty: 5,
      advancedRules: [{ threshold: '30', notify: true, inactivity: { value: 2, unit: 'days' }, emails: [] }],
    });
    const clientId = await world.addClient({
      name: 'Müller <GmbH>',
      balance: '10',
      credit: '2.5',
      currencyId: eur,
      profileId,
      billingEmail: 'm@client.example',
      lastChargeAt: world.core.ctx.now() - 3 * DAY,
    });
    await world.core.call('engine.checkNow', { profileId });
    const template = body({
      subject:
        '{{ client }} {{ available_balance }} < {{ threshold }} ({{ count }}/{{ max_qty }}, {{ inactivity }})',
      htmlBody: '<p>{{ client }} {{ balance }} {{ credit }}</p>',
    });
    const preview = await world.core.call('templates.preview', { kind: 'advanced', template, clientId });
    // 12.50 EUR at 0.5 EUR per USD = 25.00 USD; one notice was already sent.
    expect(preview.subject).toBe('Müller <GmbH> 25.00 USD < 30.00 USD (2/5, 2 days)');
    expect(preview.htmlBody).toBe('<p>Müller &lt;GmbH&gt; 10.00 EUR 2.50 EUR</p>');
    expect(preview.source).toBe('Müller <GmbH>, profile Profile 1');
  });

  it('preview for a client without a profile says what it assumed', async () => {
    const world = await openWorld();
    const clientId = await world.addClient({ name: 'Loose', balance: '1' });
    const preview = await world.core.call('templates.preview', { kind: 'user', template: body(), clientId });
    expect(preview.subject).toBe('Low: Loose');
    expect(preview.source).toContain('the client has no profile');
    expect(
      (await world.core.callError('templates.preview', { kind: 'user', template: body(), clientId: 999 }))
        .code,
    ).toBe('not_found');
  });
});
