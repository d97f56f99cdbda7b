import { createHash, createVerify } from 'node:crypto';
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
  routes: (base: string, grant: (extra?: Record<string, unknown>) => TokenReply) => TokenServer,
): Promise<TestTokenEndpoint> {
  const certificate = selfSignedCertificate('login.test');
  const requests: Record<string, string>[] = [];
  const issued: string[] = [];
  const state = { expiresIn: 3600 };
  const grant = (extra: Record<string, unknown> = {}): TokenReply => {
    const token = `${prefix}-${issued.length + 1}`;
    issued.push(token);
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        expires_in: state.expiresIn,
        ext_expires_in: state.expiresIn,
        access_token: token,
        ...extra,
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

export interface MicrosoftTokenEndpoint extends TestTokenEndpoint {
  /** Plays the user signing in at the authorize URL: the code the browser brings back for this PKCE challenge. */
  authorize(codeChallenge: string): string;
  /** Refuses every refresh token handed out so far (as when the user's sessions are revoked). */
  revokeRefreshTokens(): void;
}

const s256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const unsignedJwt = (claims: Record<string, unknown>) =>
  `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

/**
 * Microsoft's token endpoint as MSAL talks to it: OpenID metadata, the
 * client-credentials token request, and for a signed-in user (`user`) the
 * authorization code with PKCE (S256, checked) and refresh tokens.
 */
export async function startMicrosoftTokenEndpoint(client: {
  tenant: string;
  clientId: string;
  clientSecret: string;
  user?: { username: string; objectId: string };
}): Promise<MicrosoftTokenEndpoint> {
  const codes = new Map<string, string>();
  const refreshTokens = new Set<string>();
  const signedIn = (grant: (extra?: Record<string, unknown>) => TokenReply, base: string): TokenReply => {
    const { username, objectId } = client.user!;
    const refreshToken = `ms-refresh-${refreshTokens.size + 1}`;
    refreshTokens.add(refreshToken);
    return grant({
      refresh_token: refreshToken,
      scope: 'https://outlook.office.com/SMTP.Send',
      client_info: Buffer.from(JSON.stringify({ uid: objectId, utid: client.tenant })).toString('base64url'),
      id_token: unsignedJwt({
        iss: `${base}/${client.tenant}/v2.0`,
        aud: client.clientId,
        tid: client.tenant,
        oid: objectId,
        sub: objectId,
        preferred_username: username,
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
    });
  };
  const endpoint = await startTokenEndpoint('ms-token', (base, grant) => ({
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
      const refused = (description: string) => ({
        status: 400,
        body: { error: 'invalid_grant', error_description: description },
      });
      if (form.client_id !== client.clientId) return refused('AADSTS700016: Application not found.');
      if (form.grant_type === 'authorization_code') {
        const challenge = codes.get(form.code);
        codes.delete(form.code);
        if (!challenge || s256(form.code_verifier ?? '') !== challenge)
          return refused('AADSTS501481: The Code_Verifier does not match the code_challenge.');
        return signedIn(grant, base);
      }
      if (form.grant_type === 'refresh_token') {
        if (!refreshTokens.has(form.refresh_token))
          return refused('AADSTS50173: The refresh token was revoked.');
        return signedIn(grant, base);
      }
      if (form.client_secret !== client.clientSecret) {
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
  return Object.assign(endpoint, {
    authorize(codeChallenge: string) {
      const code = `code-${codes.size + 1}-${Date.now()}`;
      codes.set(code, codeChallenge);
      return code;
    },
    revokeRefreshTokens: () => refreshTokens.clear(),
  });
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
