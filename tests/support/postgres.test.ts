import { describe, expect, it } from 'vitest';
import { MISSING_POSTGRES_UNDER_CI, postgresOnlyMode } from './postgres.ts';

describe('PostgreSQL-only tests', () => {
  const url = 'postgres://postgres@127.0.0.1:5432/sc';

  it('run whenever DATABASE_URL is set, under CI or not, whatever else is declared', () => {
    expect(postgresOnlyMode({ DATABASE_URL: url })).toBe('run');
    expect(postgresOnlyMode({ DATABASE_URL: url, CI: 'true' })).toBe('run');
    expect(postgresOnlyMode({ DATABASE_URL: url, CI: 'true', POSTGRES_ONLY_TESTS: 'skip' })).toBe('run');
  });

  it('skip on a developer machine without DATABASE_URL', () => {
    expect(postgresOnlyMode({})).toBe('skip');
    expect(postgresOnlyMode({ CI: '' })).toBe('skip');
    expect(postgresOnlyMode({ CI: 'false' })).toBe('skip');
    expect(postgresOnlyMode({ CI: '0' })).toBe('skip');
  });

  it('fail under CI without DATABASE_URL, unless the pass declares that they skip', () => {
    expect(postgresOnlyMode({ CI: 'true' })).toBe('fail');
    expect(postgresOnlyMode({ CI: '1' })).toBe('fail');
    expect(postgresOnlyMode({ CI: 'true', DATABASE_URL: '' })).toBe('fail');
    expect(postgresOnlyMode({ CI: 'true', POSTGRES_ONLY_TESTS: 'yes' })).toBe('fail');
    expect(postgresOnlyMode({ CI: 'true', POSTGRES_ONLY_TESTS: 'skip' })).toBe('skip');
  });

  it('explain the failure: what is missing and the two ways out', () => {
    expect(MISSING_POSTGRES_UNDER_CI).toContain('DATABASE_URL is not set');
    expect(MISSING_POSTGRES_UNDER_CI).toContain('POSTGRES_ONLY_TESTS=skip');
  });
});
