import { describe, expect, it } from 'vitest';
import { sameSiteLocation } from './auth.ts';

const PUBLIC_URL = 'https://mentoring.example';

describe('sameSiteLocation', () => {
  it('keeps a path or an absolute URL on this site as it is', () => {
    expect(sameSiteLocation('/reset-password?token=abc', PUBLIC_URL)).toBe('/reset-password?token=abc');
    expect(sameSiteLocation('https://mentoring.example/login', PUBLIC_URL)).toBe(
      'https://mentoring.example/login',
    );
  });

  it.each([
    'https://evil.example/x',
    '//evil.example/x',
    '/\\evil.example/x',
    'http://mentoring.example/login',
  ])('sends %s to the home page instead', (location) => {
    expect(sameSiteLocation(location, PUBLIC_URL)).toBe('/');
  });

  it('sends a missing location to the home page', () => {
    expect(sameSiteLocation(null, PUBLIC_URL)).toBe('/');
  });
});
