import { describe, expect, it } from 'vitest';
import { parseServeArgs } from './parse-args';

describe('parseServeArgs', () => {
  it('defaults to 127.0.0.1:8080 and the desktop data folder', () => {
    expect(parseServeArgs([])).toEqual({ port: 8080, host: '127.0.0.1', data: undefined });
  });

  it('reads --port, --data and --host', () => {
    expect(parseServeArgs(['--port', '0', '--data', '/srv/lowbal', '--host', '0.0.0.0'])).toEqual({
      port: 0,
      host: '0.0.0.0',
      data: '/srv/lowbal',
    });
    expect(parseServeArgs(['--port=9000']).port).toBe(9000);
  });

  it('explains bad arguments', () => {
    expect(() => parseServeArgs(['--port', 'http'])).toThrow(/--port must be a whole number/);
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseServeArgs(['--port', ''])).toThrow(/--port/);
    expect(() => parseServeArgs(['--data', ''])).toThrow(/--data needs a folder/);
    expect(() => parseServeArgs(['--verbose'])).toThrow(/verbose/);
  });
});
