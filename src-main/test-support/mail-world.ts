import { createEngineWorld, type EngineWorld } from './engine-world';
import type { TestCoreOptions } from './test-core';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server';

export const FROM_ADDRESS = 'lowbal@acme.example';

/** An engine world whose SMTP settings point at a real in-process SMTP server. */
export interface MailWorld extends EngineWorld {
  smtp: TestSmtpServer;
}

export async function createMailWorld(
  options: {
    rateLimit?: number;
    auth?: { user: string; pass: string };
    delivery?: TestCoreOptions['delivery'];
    start?: number;
  } = {},
): Promise<MailWorld> {
  const world = await createEngineWorld({ delivery: options.delivery, start: options.start });
  const smtp = await startTestSmtpServer({ auth: options.auth });
  await world.core.call('mail.saveSettings', {
    host: '127.0.0.1',
    port: smtp.port,
    tlsMode: 'none',
    user: options.auth?.user ?? '',
    password: options.auth?.pass ?? '',
    fromName: 'Lowbal',
    fromAddress: FROM_ADDRESS,
    rateLimit: options.rateLimit ?? 0,
  });
  return {
    ...world,
    smtp,
    async close() {
      await world.core.close();
      await smtp.stop();
    },
  };
}

/** Undoes quoted-printable (soft line breaks and =XX bytes), enough to read a body nodemailer encoded. */
export function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The header block of a raw message, one entry per header line (folded lines joined). */
export function headerLines(raw: string): string[] {
  const head = raw.split(/\r?\n\r?\n/)[0];
  return head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
}
