import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendHttp } from '../http/http-delivery';
import { toE164 } from './phone-number';
import { SMS_PRESETS, smsRequest, type SmsGatewayConfig, type SmsPreset } from './sms-gateway';

interface Seen {
  method: string;
  url: URL;
  authorization?: string;
  contentType?: string;
  body: string;
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A real local HTTP server playing the gateway: records each request, answers 200. */
async function gateway() {
  const seen: Seen[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({
        method: request.method!,
        url: new URL(request.url!, 'http://gateway'),
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
      });
      response.writeHead(200).end('0: Accepted for delivery');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const TEXT = 'Balance low: 12.50 € — top up & stay online';
const TO = '+447700900123';

async function sendThrough(preset: SmsPreset) {
  const peer = await gateway();
  const template = SMS_PRESETS[preset];
  const config: SmsGatewayConfig = {
    ...template,
    urlTemplate: template.urlTemplate.replace(/^https?:\/\/[^/]+/, peer.base),
    username: preset === 'twilio' ? 'AC123' : 'lowbal',
    password: 's3cret&key',
    from: 'Lowbal',
  };
  const result = await sendHttp(smsRequest(config, { recipient: TO, textBody: TEXT }), Promise.resolve());
  expect(result).toMatchObject({ kind: 'delivered' });
  expect(peer.seen).toHaveLength(1);
  return peer.seen[0];
}

describe('SMS gateway presets against a real local gateway', () => {
  it('Kannel: GET /cgi-bin/sendsms with the credentials, sender, number and text in the query', async () => {
    const seen = await sendThrough('kannel');
    expect(seen.method).toBe('GET');
    expect(seen.url.pathname).toBe('/cgi-bin/sendsms');
    expect(Object.fromEntries(seen.url.searchParams)).toMatchObject({
      username: 'lowbal',
      password: 's3cret&key',
      from: 'Lowbal',
      to: TO,
      text: TEXT,
    });
  });

  it('Jasmin: POST /send, form-encoded, the text as `content`', async () => {
    const seen = await sendThrough('jasmin');
    expect(seen).toMatchObject({ method: 'POST', contentType: 'application/x-www-form-urlencoded' });
    expect(seen.url.pathname).toBe('/send');
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({
      username: 'lowbal',
      password: 's3cret&key',
      from: 'Lowbal',
      to: TO,
      content: TEXT,
      coding: '8',
    });
  });

  it("Twilio: POST the account's Messages.json with basic authentication, To / From / Body", async () => {
    const seen = await sendThrough('twilio');
    expect(seen.url.pathname).toBe('/2010-04-01/Accounts/AC123/Messages.json');
    expect(seen.authorization).toBe(`Basic ${Buffer.from('AC123:s3cret&key').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(seen.body))).toEqual({
      To: TO,
      From: 'Lowbal',
      Body: TEXT,
    });
  });

  it('a JSON body with a bearer token', async () => {
    const peer = await gateway();
    const config: SmsGatewayConfig = {
      method: 'POST',
      urlTemplate: `${peer.base}/v1/sms`,
      bodyTemplate: '{"to": {{ to | json }}, "message": {{ text | json }}}',
      bodyFormat: 'json',
      auth: 'bearer',
      username: '',
      password: 'tok',
      from: '',
    };
    await sendHttp(smsRequest(config, { recipient: TO, textBody: 'say "hi"\n' }), Promise.resolve());
    expect(peer.seen[0]).toMatchObject({ authorization: 'Bearer tok', contentType: 'application/json' });
    expect(JSON.parse(peer.seen[0].body)).toEqual({ to: TO, message: 'say "hi"\n' });
  });

  it('a misspelt variable in a template is an error, not an empty field', () => {
    const config = {
      ...SMS_PRESETS.jasmin,
      bodyTemplate: 'to={{ too }}',
      username: '',
      password: '',
      from: '',
    };
    expect(() => smsRequest(config, { recipient: TO, textBody: 'x' })).toThrow(/too/);
  });
});

describe('phone numbers', () => {
  it('are stored in E.164, and an invalid one gets a clear message', () => {
    expect(toE164(' +44 7700 900123 ')).toEqual({ ok: true, value: '+447700900123' });
    expect(toE164('+1 (202) 555-0143')).toEqual({ ok: true, value: '+12025550143' });
    expect(toE164('07700 900123')).toEqual({
      ok: false,
      message: '07700 900123 is not a valid phone number: write it in international form, e.g. +447700900123',
    });
    expect(toE164('+44 12')).toMatchObject({ ok: false });
    expect(toE164('')).toMatchObject({ ok: false, message: expect.stringMatching(/^\(empty\) is not/) });
  });
});
