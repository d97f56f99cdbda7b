import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger';
import { CONTENT_SECURITY_POLICY } from '../content-security-policy';
import { type HeadlessHost, startHeadlessHost } from './start-headless-host';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request: unlike fetch, it sends the path, Host and Origin exactly as given. */
function request(
  port: number,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const MAX_BODY = 4096;
let host: HeadlessHost;
let dataDir: string;
let rendererDir: string;

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request(host.port, {
    path: `/api/${channel}`,
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-headless-'));
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-renderer-'));
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lowbal</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1);');
  fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'not for the web');
  host = await startHeadlessHost({
    dataDir,
    rendererDir,
    port: 0,
    log: silentLogger,
    maxBodyBytes: MAX_BODY,
    readers: 1,
  });
});

afterAll(async () => {
  await host.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

describe('startHeadlessHost', () => {
  it('prints a loopback URL carrying a long random token', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.existsSync(path.join(dataDir, 'lowbal.sqlite'))).toBe(true);
  });

  it('serves the renderer with security headers', async () => {
    const page = await request(host.port, { path: '/?token=abc' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Lowbal</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-cache');

    const script = await request(host.port, { path: '/assets/app-1234.js' });
    expect(script.body).toBe('console.log(1);');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toContain('immutable');
  });

  it('answers client-side routes with the app and missing files with 404', async () => {
    expect((await request(host.port, { path: '/profiles/12' })).body).toContain('<title>Lowbal</title>');
    expect((await request(host.port, { path: '/assets/missing.js' })).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    const outside = path.relative(rendererDir, path.join(dataDir, 'secret.txt')).split(path.sep).join('/');
    for (const attempt of [
      `/${outside}`,
      `/${outside.replaceAll('/', '%2f')}`,
      `/${outside.replaceAll('.', '%2e')}`,
      '/..%5c..%5csecret.txt',
      '/index.html%00.js',
    ]) {
      const reply = await request(host.port, { path: attempt });
      expect(reply.body, attempt).not.toContain('not for the web');
      expect(reply.status, attempt).not.toBe(500);
    }
  });

  it('only serves GET and HEAD for static files', async () => {
    expect((await request(host.port, { path: '/', method: 'POST' })).status).toBe(405);
    const head = await request(host.port, { path: '/', method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('runs an operation through the core', async () => {
    const created = await api('resellers.create', { name: 'Acme Telecom', email: 'noc@acme.example' });
    expect(created.status).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { name: 'Acme Telecom' } });
    const listed = JSON.parse((await api('resellers.list', {})).body);
    expect(listed.value.map((r: { name: string }) => r.name)).toEqual(['Acme Telecom']);
  });

  it('returns the core’s validation and unknown-operation errors as results', async () => {
    const invalid = JSON.parse((await api('resellers.create', { name: '', email: 'x' })).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(invalid.error.issues.map((issue: { path: string }) => issue.path)).toEqual(
      expect.arrayContaining(['name', 'email']),
    );
    const unknown = await api('nothing.here', {});
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses calls without the right token', async () => {
    expect((await api('resellers.list', {}, { Authorization: '' })).status).toBe(401);
    expect((await api('resellers.list', {}, { Authorization: `Bearer ${host.token}0` })).status).toBe(401);
    expect((await api('resellers.list', {}, { Authorization: host.token })).status).toBe(401);
  });

  it('refuses other methods on /api', async () => {
    const reply = await request(host.port, { path: '/api/resellers.list' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
  });

  it('refuses foreign origins and accepts its own, also through a tunnel', async () => {
    expect((await api('resellers.list', {}, { Origin: 'http://attacker.example' })).status).toBe(403);
    expect((await api('resellers.list', {}, { Origin: 'null' })).status).toBe(403);
    expect((await api('resellers.list', {}, { Origin: `http://127.0.0.1:${host.port + 1}` })).status).toBe(
      403,
    );
    expect((await api('resellers.list', {}, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
    const tunnel = { Host: 'localhost:9999', Origin: 'http://localhost:9999' };
    expect((await api('resellers.list', {}, tunnel)).status).toBe(200);
  });

  it('refuses requests for a foreign Host (DNS rebinding)', async () => {
    const headers = { Host: `attacker.example:${host.port}`, Origin: `http://attacker.example:${host.port}` };
    expect((await api('resellers.list', {}, headers)).status).toBe(403);
    expect((await request(host.port, { path: '/', headers: { Host: 'attacker.example' } })).status).toBe(403);
  });

  it('refuses bodies over the limit, declared or streamed', async () => {
    const declared = await api('resellers.list', 'x'.repeat(MAX_BODY + 1));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).ok).toBe(false);
    const streamed = await request(host.port, {
      path: '/api/resellers.list',
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Transfer-Encoding': 'chunked' },
      body: Buffer.alloc(MAX_BODY * 2, 0x20),
    });
    expect(streamed.status).toBe(413);
  });

  it('answers malformed JSON and malformed channel names with clear errors', async () => {
    const badJson = await api('resellers.list', '{nope');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.message).toBe('Request body is not valid JSON');
    expect((await api('resellers.list%2F..', {})).status).toBe(404);
    expect((await api('__proto__', {})).status).toBe(404);
  });

  it('stops listening and closes the database on close()', async () => {
    const other = await startHeadlessHost({ dataDir, rendererDir, port: 0, log: silentLogger, readers: 1 });
    expect(other.token).not.toBe(host.token);
    await other.close();
    await expect(request(other.port, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    expect(other.core.workers()).toEqual({ writer: null, readers: [null] });
    expect(await other.core.invoke('currencies.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it('streams the core’s events to a page holding the token', async () => {
    const frames: string[] = [];
    const stream = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/api/events',
            headers: { Authorization: `Bearer ${host.token}` },
          },
          resolve,
        )
        .on('error', reject);
    });
    try {
      expect(stream.statusCode).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      stream.setEncoding('utf8').on('data', (text: string) => frames.push(text));
      await expect.poll(() => frames.join('')).toContain(': connected');
      expect((await api('engine.pause', {})).status).toBe(200);
      await expect.poll(() => frames.join('')).toContain('data: {"name":"engine.changed","payload":{}}\n\n');
      await api('engine.resume', {});
    } finally {
      stream.destroy();
    }
  });

  it('refuses the event stream without the token, from another site, or by POST', async () => {
    const events = (headers: Record<string, string>, method = 'GET') =>
      request(host.port, { path: '/api/events', method, headers });
    expect((await events({})).status).toBe(401);
    expect((await events({ Authorization: `Bearer ${host.token}x` })).status).toBe(401);
    expect(
      (await events({ Authorization: `Bearer ${host.token}`, Origin: 'http://attacker.example' })).status,
    ).toBe(403);
    expect((await events({ Authorization: `Bearer ${host.token}` }, 'POST')).status).toBe(405);
  });
});
