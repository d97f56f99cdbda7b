import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './test-certificates';

export interface TestTokenEndpoint {
  /** The authority URL (https://127.0.0.1:port) to put in the settings. */
  readonly url: string;
  /** Token requests so far, with their form fields. */
  readonly requests: Record<string, string>[];
  /** Access tokens handed out so far (the newest last). */
  readonly issued: string[];
  /** How long each new token lives (seconds). */
  expiresIn: number;
  stop(): Promise<void>;
}

/**
 * Microsoft's token endpoint as MSAL talks to it (OpenID metadata and the
 * client-credentials token request), over HTTPS with a certificate made in the
 * test; the process's global agent trusts it while the endpoint runs.
 */
export async function startMicrosoftTokenEndpoint(client: {
  tenant: string;
  clientId: string;
  clientSecret: string;
}): Promise<TestTokenEndpoint> {
  const certificate = selfSignedCertificate('login.test');
  const requests: Record<string, string>[] = [];
  const issued: string[] = [];
  const state = { expiresIn: 3600 };
  let base = '';
  const server = https.createServer({ key: certificate.key, cert: certificate.cert }, (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === `/${client.tenant}/v2.0/.well-known/openid-configuration`) {
      reply(200, {
        issuer: `${base}/${client.tenant}/v2.0`,
        token_endpoint: `${base}/${client.tenant}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/${client.tenant}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/${client.tenant}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/${client.tenant}/discovery/v2.0/keys`,
      });
      return;
    }
    if (request.method === 'POST' && path === `/${client.tenant}/oauth2/v2.0/token`) {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        requests.push(form);
        if (form.client_id !== client.clientId || form.client_secret !== client.clientSecret) {
          reply(401, {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret provided.',
          });
          return;
        }
        const token = `ms-token-${issued.length + 1}`;
        issued.push(token);
        reply(200, {
          token_type: 'Bearer',
          expires_in: state.expiresIn,
          ext_expires_in: state.expiresIn,
          access_token: token,
        });
      });
      return;
    }
    reply(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const previousCa = https.globalAgent.options.ca;
  https.globalAgent.options.ca = certificate.cert;
  return {
    url: base,
    requests,
    issued,
    get expiresIn() {
      return state.expiresIn;
    },
    set expiresIn(seconds) {
      state.expiresIn = seconds;
    },
    stop() {
      https.globalAgent.options.ca = previousCa;
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
