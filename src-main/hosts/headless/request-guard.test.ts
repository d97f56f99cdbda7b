import { describe, expect, it } from 'vitest';
import { hasBearerToken, hostNameOf, isAllowedHost, isAllowedOrigin } from './request-guard';

describe('hostNameOf', () => {
  it('takes the name out of a Host header', () => {
    expect(hostNameOf('127.0.0.1:8080')).toBe('127.0.0.1');
    expect(hostNameOf('LocalHost')).toBe('localhost');
    expect(hostNameOf('[::1]:8080')).toBe('::1');
    expect(hostNameOf('a:b:c')).toBeNull();
    expect(hostNameOf('')).toBeNull();
  });
});

describe('isAllowedHost', () => {
  it('accepts localhost and IP literals on any port', () => {
    for (const host of ['localhost:9000', '127.0.0.1:8080', '[::1]:8080', '192.168.1.5:8080']) {
      expect(isAllowedHost(host, '127.0.0.1'), host).toBe(true);
    }
  });

  it('refuses other names unless the host was bound to that name', () => {
    expect(isAllowedHost('attacker.example:8080', '127.0.0.1')).toBe(false);
    expect(isAllowedHost('localhost.attacker.example', '127.0.0.1')).toBe(false);
    expect(isAllowedHost(undefined, '127.0.0.1')).toBe(false);
    expect(isAllowedHost('lowbal.lan:8080', 'lowbal.lan')).toBe(true);
  });
});

describe('isAllowedOrigin', () => {
  it('accepts requests without Origin and from the page’s own origin', () => {
    expect(isAllowedOrigin(undefined, '127.0.0.1:8080')).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true);
  });

  it('refuses other origins, other ports, opaque and non-web origins', () => {
    expect(isAllowedOrigin('http://attacker.example', '127.0.0.1:8080')).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:8081', '127.0.0.1:8080')).toBe(false);
    expect(isAllowedOrigin('null', '127.0.0.1:8080')).toBe(false);
    expect(isAllowedOrigin('file://', '127.0.0.1:8080')).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:8080', undefined)).toBe(false);
  });
});

describe('hasBearerToken', () => {
  it('accepts only the exact token in a Bearer header', () => {
    expect(hasBearerToken('Bearer s3cret', 's3cret')).toBe(true);
    expect(hasBearerToken('Bearer s3cret2', 's3cret')).toBe(false);
    expect(hasBearerToken('s3cret', 's3cret')).toBe(false);
    expect(hasBearerToken('Bearer ', 's3cret')).toBe(false);
    expect(hasBearerToken(undefined, 's3cret')).toBe(false);
  });
});
