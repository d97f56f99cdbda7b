import { describe, expect, it } from 'vitest';
import { classifySmtpFailure, deliveryErrorText } from './smtp-failure';

const smtpError = (fields: Record<string, unknown>, message = 'failed') =>
  Object.assign(new Error(message), fields);

describe('deliveryErrorText', () => {
  it("prefers the server's reply, then the message, on one line and at most 1000 characters", () => {
    expect(deliveryErrorText(smtpError({ response: '550 5.1.1 No such\r\nuser' }, 'ignored'))).toBe(
      '550 5.1.1 No such user',
    );
    expect(deliveryErrorText(smtpError({ response: '' }, 'connect ECONNREFUSED 127.0.0.1:25'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:25',
    );
    expect(deliveryErrorText(smtpError({}, ''))).toBe('Error');
    expect(deliveryErrorText('plain text')).toBe('plain text');
    expect(deliveryErrorText(null)).toBe('null');
    expect(deliveryErrorText({ response: 42, message: 7 })).toBe('[object Object]');
    expect(deliveryErrorText(smtpError({ response: 'x'.repeat(2000) })).length).toBeLessThanOrEqual(1000);
    expect(deliveryErrorText(new Error('y'.repeat(2000))).length).toBeLessThanOrEqual(1000);
    expect(deliveryErrorText('z'.repeat(2000)).length).toBeLessThanOrEqual(1000);
  });
});

describe('classifySmtpFailure', () => {
  it('calls anything before the login went through a problem of the server, whatever it said', () => {
    for (const phase of ['connect', 'login'] as const) {
      for (const error of [
        smtpError({ code: 'ECONNREFUSED' }, 'connect ECONNREFUSED'),
        smtpError({ code: 'ETIMEDOUT' }, 'Greeting never received'),
        smtpError({ code: 'EAUTH', responseCode: 535, response: '535 Authentication failed' }),
        smtpError({ code: 'EENVELOPE', responseCode: 550, command: 'API' }),
      ]) {
        expect(classifySmtpFailure(error, phase).kind).toBe('unreachable');
      }
    }
    expect(
      classifySmtpFailure(smtpError({ code: 'EAUTH', response: '535 Authentication failed' }), 'login'),
    ).toEqual({
      kind: 'unreachable',
      error: '535 Authentication failed',
    });
  });

  it('calls a 421 while sending a problem of the server', () => {
    expect(
      classifySmtpFailure(
        smtpError({ code: 'EENVELOPE', responseCode: 421, response: '421 Try later' }),
        'send',
      ),
    ).toEqual({ kind: 'unreachable', error: '421 Try later' });
  });

  it('fails a message permanently on a 5xx about it, or on an envelope nodemailer refuses itself', () => {
    for (const [responseCode, code] of [
      [550, 'EENVELOPE'],
      [554, 'EMESSAGE'],
      [500, 'EENVELOPE'],
      [599, 'EMESSAGE'],
    ] as const) {
      expect(
        classifySmtpFailure(smtpError({ code, responseCode, response: `${responseCode} no` }), 'send'),
      ).toEqual({
        kind: 'permanent',
        error: `${responseCode} no`,
      });
    }
    expect(
      classifySmtpFailure(smtpError({ code: 'EENVELOPE', command: 'API' }, 'Invalid recipient'), 'send'),
    ).toEqual({
      kind: 'permanent',
      error: 'Invalid recipient',
    });
    expect(
      classifySmtpFailure(smtpError({ code: 'EMESSAGE', command: 'API' }, 'Empty message'), 'send').kind,
    ).toBe('permanent');
  });

  it('retries everything else about a message: 4xx, other 5xx, timeouts, dropped connections', () => {
    for (const error of [
      smtpError({ code: 'EENVELOPE', responseCode: 451, response: '451 Greylisted' }),
      smtpError({ code: 'EMESSAGE', responseCode: 452 }),
      smtpError({ code: 'EENVELOPE', responseCode: 499 }),
      smtpError({ code: 'EENVELOPE', responseCode: 600 }),
      smtpError({ code: 'EPROTOCOL', responseCode: 550 }),
      smtpError({ code: 'ETIMEDOUT', command: 'CONN' }, 'Timeout'),
      smtpError({ code: 'ECONNECTION', command: 'CONN' }, 'Connection closed unexpectedly'),
      smtpError({ code: 'ESOCKET', command: 'API' }),
      smtpError({ code: 'EENVELOPE', command: 'DATA' }),
      smtpError({ code: 'EENVELOPE', responseCode: '550' }),
      'something odd',
      undefined,
    ]) {
      expect(classifySmtpFailure(error, 'send').kind).toBe('temporary');
    }
  });
});
