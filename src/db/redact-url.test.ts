import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.ts';

describe('redactUrl', () => {
  it('masks the password and keeps the rest', () => {
    expect(redactUrl('postgres://app:s3cret@db.example:5432/secondchair')).toBe(
      'postgres://app:***@db.example:5432/secondchair',
    );
  });

  it('leaves a URL without a password as it is', () => {
    expect(redactUrl('postgres://postgres@127.0.0.1:5432/postgres')).toBe(
      'postgres://postgres@127.0.0.1:5432/postgres',
    );
  });

  it('never echoes a string it cannot parse, which could hold a password', () => {
    expect(redactUrl('s3cret at db.example')).toBe('postgres://…');
  });
});
