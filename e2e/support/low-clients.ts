import type { APIRequestContext } from '@playwright/test';
import { callApi } from './call-api';
import type { RunningHost } from './host';

export interface LowClientsSeed {
  /** [name, balance, active]; each gets `billingEmail(name)` as its Billing Email. */
  clients: [string, string, boolean?][];
  /** Where e-mail goes: the test's SMTP server (left out when the test sets it up in the UI). */
  smtp?: { port: number; rateLimit?: number };
  /** The profile's Max Qty; 0 (no limit) when left out. */
  maxQty?: number;
  /** Addresses the client rule e-mails besides the Billing Email. */
  copyTo?: string[];
}

export const billingEmail = (name: string) => `${name.toLowerCase().replace(/\s+/g, '.')}@client.example`;

/**
 * Through the HTTP API: notifications paused (so the host's scheduler does nothing behind the
 * test's back until it resumes them), SMTP settings (when given), USD, one reseller and
 * a profile "Prepaid standard" whose client rule (below 20) e-mails the Billing Email, and its clients.
 */
export async function seedLowClients(request: APIRequestContext, host: RunningHost, seed: LowClientsSeed) {
  await callApi(request, host, 'engine.pause', {});
  if (seed.smtp) {
    await callApi(request, host, 'mail.saveSettings', {
      host: '127.0.0.1',
      port: seed.smtp.port,
      tlsMode: 'none',
      user: '',
      password: '',
      fromName: 'Lowbal',
      fromAddress: 'alerts@acme.example',
      rateLimit: seed.smtp.rateLimit ?? 0,
    });
  }
  const usd = await callApi(request, host, 'currencies.create', {
    code: 'USD',
    name: 'US Dollar',
    rate: '1',
    isBase: true,
  });
  const reseller = await callApi(request, host, 'resellers.create', {
    name: 'Acme Telecom',
    email: 'noc@acme.example',
  });
  const profile = await callApi(request, host, 'profiles.create', {
    name: 'Prepaid standard',
    resellerId: reseller.id,
    currencyId: usd.id,
    maxQty: seed.maxQty ?? 0,
    period: { value: 24, unit: 'hours' },
    userNotification: { threshold: '', notify: false, userIds: [], emails: [] },
    clientNotification: { threshold: '20', notify: true, emails: seed.copyTo ?? [] },
  });
  for (const [name, balance, active] of seed.clients) {
    await callApi(request, host, 'clients.create', {
      name,
      resellerId: reseller.id,
      currencyId: usd.id,
      balance,
      billingEmail: billingEmail(name),
      profileId: profile.id,
      active: active ?? true,
    });
  }
}
