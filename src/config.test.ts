import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { isAppError } from './core/errors.ts';

function issuesOf(env: Record<string, string>): Array<{ path: string; message: string }> {
  try {
    loadConfig(env);
  } catch (error) {
    if (isAppError(error)) return error.details?.issues ?? [];
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    for (const value of ['false', 'no', '0', ''])
      expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(false);
  });

  it('trusts every proxy when true', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'YES' }).trustProxy).toBe(true);
  });

  it('takes a list of addresses, CIDR ranges and named ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1, fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses hop counts and anything that is not an address, naming the variable', () => {
    for (const value of [
      '1',
      '2',
      '10.0.0.0/33',
      'proxy.internal',
      '10.0.0.1, nonsense',
      '::1/129',
      '1.2.3.4/8/8',
    ]) {
      const issues = issuesOf({ TRUST_PROXY: value });
      expect(
        issues.map((issue) => issue.path),
        value,
      ).toEqual(['TRUST_PROXY']);
    }
    expect(issuesOf({ TRUST_PROXY: '1' })[0].message).toMatch(/hop count/);
    expect(issuesOf({ TRUST_PROXY: '10.0.0.1, nonsense' })[0].message).toMatch(/nonsense/);
  });
});

describe('API write rate limit', () => {
  it('defaults to 120 writes a minute and can be changed', () => {
    expect(loadConfig({}).apiWriteRateLimit).toEqual({ max: 120, windowSeconds: 60 });
    expect(
      loadConfig({ API_WRITE_RATE_LIMIT_MAX: '5', API_WRITE_RATE_LIMIT_WINDOW_SECONDS: '10' })
        .apiWriteRateLimit,
    ).toEqual({ max: 5, windowSeconds: 10 });
  });

  it('refuses a limit of zero', () => {
    expect(issuesOf({ API_WRITE_RATE_LIMIT_MAX: '0' }).map((issue) => issue.path)).toEqual([
      'API_WRITE_RATE_LIMIT_MAX',
    ]);
  });
});
