import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyHttpError, classifyHttpReply, probeHttp, sendHttp } from './http-delivery';

type Handler = (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void;

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** A real local HTTP peer; `received` lists the bodies it got. */
async function peer(handler: Handler) {
  const received: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(body);
      handler(request, body, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received };
}

const answer = (status: number, body = '') =>
  peer((_request, _body, response) => response.writeHead(status).end(body));
const post = (url: string, timeoutMs?: number) =>
  sendHttp(
    { url, method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } },
    Promise.resolve(),
    timeoutMs,
  );

/** A port nobody listens on. */
async function closedPort(): Promise<string> {
  const { url } = await answer(200);
  const server = servers.pop()!;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

describe('an HTTP channel against a real peer', () => {
  it('2xx is delivered, keeping the reply', async () => {
    const { url, received } = await answer(202, 'queued as 42');
    expect(await post(url)).toEqual({ kind: 'delivered', reference: '', response: 'HTTP 202: queued as 42' });
    expect(received).toEqual(['hello']);
  });

  it.each([408, 429, 500, 503])('%i is temporary, with the status and the reply', async (status) => {
    const { url } = await answer(status, 'busy');
    expect(await post(url)).toEqual({ kind: 'temporary', error: `HTTP ${status}: busy` });
  });

  it('other 4xx are permanent, keeping the status and the first 200 characters of the reply', async () => {
    const { url } = await answer(400, `${'x'.repeat(200)}TAIL`);
    const result = await post(url);
    expect(result).toEqual({ kind: 'permanent', error: `HTTP 400: ${'x'.repeat(200)}` });
  });

  it('a redirect is not followed: permanent', async () => {
    const { url } = await peer((_request, _body, response) =>
      response.writeHead(302, { location: '/else' }).end(),
    );
    expect(await post(url)).toEqual({ kind: 'permanent', error: 'HTTP 302' });
  });

  it('no reply before the timeout is temporary (the peer may have acted on it)', async () => {
    const { url, received } = await peer(() => {});
    expect(await post(url, 300)).toEqual({ kind: 'temporary', error: 'No reply before the timeout' });
    expect(received).toEqual(['hello']);
  });

  it('a refused connection never reached the peer: unreachable, and the probe says so until it listens', async () => {
    const url = await closedPort();
    expect(await post(url)).toMatchObject({
      kind: 'unreachable',
      error: expect.stringContaining('ECONNREFUSED'),
    });
    expect(await probeHttp(url)).toMatchObject({
      reachable: false,
      error: expect.stringContaining('ECONNREFUSED'),
    });
    const live = await answer(200);
    expect(await probeHttp(live.url)).toEqual({ reachable: true });
    expect(live.received).toEqual([]);
  });

  it('sends nothing before the previous outcome is written, and nothing at all when it cannot be', async () => {
    const { url, received } = await answer(200);
    let commit = () => {};
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    const sending = sendHttp({ url, method: 'POST', body: 'late' }, mayCommit);
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([]);
    commit();
    expect(await sending).toMatchObject({ kind: 'delivered' });
    expect(received).toEqual(['late']);

    const cutOff = sendHttp({ url, method: 'POST', body: 'never' }, Promise.reject(new Error('Cut off')));
    expect(await cutOff).toEqual({ kind: 'unreachable', error: 'Cut off' });
    expect(received).toEqual(['late']);
  });
});

describe('sorting HTTP outcomes', () => {
  it('keeps 2xx bounds exact', () => {
    expect(classifyHttpReply(199, '').kind).toBe('permanent');
    expect(classifyHttpReply(200, '').kind).toBe('delivered');
    expect(classifyHttpReply(299, '').kind).toBe('delivered');
    expect(classifyHttpReply(300, '').kind).toBe('permanent');
    expect(classifyHttpReply(499, '').kind).toBe('permanent');
    expect(classifyHttpReply(599, '').kind).toBe('temporary');
    expect(classifyHttpReply(600, '').kind).toBe('permanent');
    expect(classifyHttpReply(404, 'line one\r\nX-Injected: 1')).toEqual({
      kind: 'permanent',
      error: 'HTTP 404: line one X-Injected: 1',
    });
  });

  it('finds the code in the cause, and a dropped connection is temporary', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    expect(classifyHttpError(refused)).toEqual({ kind: 'unreachable', error: 'fetch failed (ENOTFOUND)' });
    const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    expect(classifyHttpError(reset)).toEqual({ kind: 'temporary', error: 'fetch failed (ECONNRESET)' });
    expect(classifyHttpError('odd')).toEqual({ kind: 'temporary', error: 'odd' });
  });
});
