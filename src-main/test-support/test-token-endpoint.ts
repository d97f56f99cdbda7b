import { createVerify } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from './test-certificates';

export interface TestTokenEndpoint {
  /** Where the endpoint listens (https://127.0.0.1:port): Microsoft's authority URL. */
  readonly url: string;
  /** The endpoint's certificate (PEM), for a process that must trust it (`NODE_EXTRA_CA_CERTS`). */
  readonly certificate: string;
  /** Token requests so far, with their form fields. */
  readonly requests: Record<string, string>[];
  /** Access tokens handed out so far (the newest last). */
  readonly issued: string[];
  /** How long each new token lives (seconds). */
  expiresIn: number;
  stop(): Promise<void>;
}

interface TokenReply {
  status: number;
  body: unknown;
}

interface TokenServer {
  /** Answers a GET (metadata) or a token request (POST, its form fields), or null for "not found". */
  answer(request: { method: string; path: string; form: Record<string, string> }): TokenReply | null;
}

/**
 * A token endpoint over HTTPS with a certificate made in the test; the
 * process's global agent trusts it while the endpoint runs. `routes` answers
 * each request; its `grant()` issues the next token (`<prefix>-N`).
 */
async function startTokenEndpoint(
  prefix: string,
  routes: (base: string, grant: () => TokenReply) => TokenServer,
): Promise<TestTokenEndpoint> {
  const certificate = selfSignedCertificate('login.test');
  const requests: Record<string, string>[] = [];
  const issued: string[] = [];
  const state = { expiresIn: 3600 };
  const grant = (): TokenReply => {
    const token = `${prefix}-${issued.length + 1}`;
    issued.push(token);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: state.expiresIn,
        ext_expires_in: state.expiresIn,
        access_token: token,
      },
    };
  };
  let server: TokenServer | null = null;
  const http = https.createServer({ key: certificate.key, cert: certificate.cert }, (request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const method = request.method ?? 'GET';
      const form = method === 'POST' ? Object.fromEntries(new URLSearchParams(body)) : {};
      if (method === 'POST') requests.push(form);
      const reply = server!.answer({ method, path: (request.url ?? '').split('?')[0], form }) ?? {
        status: 404,
        body: { error: 'not_found' },
      };
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const base = `https://127.0.0.1:${(http.address() as AddressInfo).port}`;
  server = routes(base, grant);
  const previousCa = https.globalAgent.options.ca;
  https.globalAgent.options.ca = certificate.cert;
  return {
    url: base,
    certificate: certificate.cert,
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
      return new Promise((resolve) => http.close(() => resolve()));
    },
  };
}

/** Microsoft's token endpoint as MSAL talks to it: OpenID metadata and the client-credentials token request. */
export function startMicrosoftTokenEndpoint(client: {
  tenant: string;
  clientId: string;
  clientSecret: string;
}): Promise<TestTokenEndpoint> {
  return startTokenEndpoint('ms-token', (base, grant) => ({
    answer({ method, path, form }) {
      if (method === 'GET' && path === `/${client.tenant}/v2.0/.well-known/openid-configuration`) {
        return {
          status: 200,
          body: {
            issuer: `${base}/${client.tenant}/v2.0`,
            token_endpoint: `${base}/${client.tenant}/oauth2/v2.0/token`,
            authorization_endpoint: `${base}/${client.tenant}/oauth2/v2.0/authorize`,
            end_session_endpoint: `${base}/${client.tenant}/oauth2/v2.0/logout`,
            jwks_uri: `${base}/${client.tenant}/discovery/v2.0/keys`,
          },
        };
      }
      if (method !== 'POST' || path !== `/${client.tenant}/oauth2/v2.0/token`) return null;
      if (form.client_id !== client.clientId || form.client_secret !== client.clientSecret) {
        return {
          status: 401,
          body: {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret provided.',
          },
        };
      }
      return grant();
    },
  }));
}

export interface GoogleTokenEndpoint extends TestTokenEndpoint {
  /** Google's token URL on this endpoint. */
  readonly tokenUrl: string;
  /** The claims of each service-account assertion whose signature verified. */
  readonly assertions: Record<string, unknown>[];
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The claims of an RS256 JWT signed by `publicKey`, or null when the signature does not verify. */
function verifiedClaims(assertion: string, publicKey: string): Record<string, unknown> | null {
  const [header, payload, signature] = assertion.split('.');
  if (!header || !payload || !signature) return null;
  const verify = createVerify('RSA-SHA256');
  verify.update(`${header}.${payload}`);
  if (!verify.verify(publicKey, Buffer.from(signature, 'base64url'))) return null;
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * Google's token endpoint (`POST /token`): a refresh token exchanged for the
 * OAuth client, and a service account's signed assertion (checked against its
 * public key) for the mailbox it acts as.
 */
export async function startGoogleTokenEndpoint(accepts: {
  client?: { clientId: string; clientSecret: string; refreshToken: string };
  serviceAccount?: { email: string; publicKey: string; subject: string };
}): Promise<GoogleTokenEndpoint> {
  const assertions: Record<string, unknown>[] = [];
  const endpoint = await startTokenEndpoint('google-token', (_base, grant) => ({
    answer({ method, path, form }) {
      if (method !== 'POST' || path !== '/token') return null;
      if (form.grant_type === 'refresh_token') {
        const { client } = accepts;
        if (!client || form.client_id !== client.clientId || form.client_secret !== client.clientSecret)
          return { status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } };
        if (form.refresh_token !== client.refreshToken)
          return {
            status: 400,
            body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
          };
        return grant();
      }
      const account = accepts.serviceAccount;
      const claims =
        form.grant_type === JWT_BEARER && account ? verifiedClaims(form.assertion, account.publicKey) : null;
      if (!claims || claims.iss !== account!.email)
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } };
      assertions.push(claims);
      if (claims.sub !== account!.subject || claims.scope !== 'https://mail.google.com/') {
        return {
          status: 401,
          body: {
            error: 'unauthorized_client',
            error_description: 'Client is unauthorized to retrieve access tokens using this method.',
          },
        };
      }
      return grant();
    },
  }));
  return Object.assign(endpoint, { tokenUrl: `${endpoint.url}/token`, assertions });
}
