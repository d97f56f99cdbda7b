import { Liquid } from 'liquidjs';
import type { ClaimedMessage } from '../../mail/outbox/outbox-repo';
import type { HttpRequest } from '../http/http-delivery';

/** An HTTP SMS gateway (SPEC §6): how one text becomes one request. */
export interface SmsGatewayConfig {
  method: 'GET' | 'POST';
  /** Liquid, with `to`, `from`, `text`, `username`, `password`; values are URL-encoded with `url_encode`. */
  urlTemplate: string;
  /** Liquid, as the URL; empty for none. */
  bodyTemplate: string;
  bodyFormat: 'form' | 'json';
  auth: 'none' | 'basic' | 'bearer';
  username: string;
  /** The gateway password or key: a secret, kept like the SMTP password. */
  password: string;
  from: string;
}

export type SmsPreset = 'kannel' | 'jasmin' | 'twilio';

/** Starting points for the well-known gateways; the base URL (host and port) stays editable. */
export const SMS_PRESETS: Record<SmsPreset, Omit<SmsGatewayConfig, 'username' | 'password' | 'from'>> = {
  kannel: {
    method: 'GET',
    urlTemplate:
      'http://localhost:13013/cgi-bin/sendsms?username={{ username | url_encode }}&password={{ password | url_encode }}&from={{ from | url_encode }}&to={{ to | url_encode }}&text={{ text | url_encode }}&charset=UTF-8&coding=2',
    bodyTemplate: '',
    bodyFormat: 'form',
    auth: 'none',
  },
  jasmin: {
    method: 'POST',
    urlTemplate: 'http://localhost:1401/send',
    bodyTemplate:
      'username={{ username | url_encode }}&password={{ password | url_encode }}&from={{ from | url_encode }}&to={{ to | url_encode }}&content={{ text | url_encode }}&coding=8',
    bodyFormat: 'form',
    auth: 'none',
  },
  twilio: {
    method: 'POST',
    urlTemplate: 'https://api.twilio.com/2010-04-01/Accounts/{{ username | url_encode }}/Messages.json',
    bodyTemplate: 'To={{ to | url_encode }}&From={{ from | url_encode }}&Body={{ text | url_encode }}',
    bodyFormat: 'form',
    auth: 'basic',
  },
};

// Strict: a misspelt variable is an error at the Send test, not an empty field at the gateway.
const engine = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true });

/** The gateway request for one text (`recipient` is the E.164 number, the text its rendered body). */
export function smsRequest(
  config: SmsGatewayConfig,
  message: Pick<ClaimedMessage, 'recipient' | 'textBody'>,
): HttpRequest {
  const values = {
    to: message.recipient,
    from: config.from,
    text: message.textBody,
    username: config.username,
    password: config.password,
  };
  const headers: Record<string, string> = {};
  if (config.auth === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString('base64')}`;
  } else if (config.auth === 'bearer') {
    headers.authorization = `Bearer ${config.password}`;
  }
  let body: string | undefined;
  if (config.bodyTemplate.trim()) {
    body = engine.parseAndRenderSync(config.bodyTemplate, values) as string;
    headers['content-type'] =
      config.bodyFormat === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  }
  return {
    url: engine.parseAndRenderSync(config.urlTemplate, values) as string,
    method: config.method,
    headers,
    body,
  };
}
