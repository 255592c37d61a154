import { describe, expect, it } from 'vitest';
import {
  JURISDICTION_CODE_PATTERN,
  JURISDICTION_GROUPS,
  jurisdictionLabel,
  jurisdictionName,
  normalizeJurisdiction,
} from './jurisdictions.ts';

const isJurisdictionCode = (code: string) => JURISDICTION_CODE_PATTERN.test(code);

describe('jurisdiction codes', () => {
  it('are a country, optionally with a subdivision', () => {
    for (const code of ['US-OR', 'GB-ENG', 'AU-NSW', 'CA-ON', 'IE', 'NZ', 'DE-BY', 'FR-75']) {
      expect(isJurisdictionCode(code), code).toBe(true);
    }
    for (const code of ['', 'us-or', 'USA-OR', 'US-', 'US-ABCD', 'US_OR', 'Oregon', 'I', ' US-OR']) {
      expect(isJurisdictionCode(code), code).toBe(false);
    }
  });

  it('lists every named jurisdiction once, each with a well-formed code', () => {
    const codes = JURISDICTION_GROUPS.flatMap((group) => group.items.map(([code]) => code));
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(isJurisdictionCode(code), code).toBe(true);
    expect(codes).toEqual(expect.arrayContaining(['US-OR', 'GB-ENG', 'AU-NSW', 'CA-ON', 'IE', 'NZ']));
  });

  it('names England and Wales by one code, GB-ENG', () => {
    expect(jurisdictionName('GB-ENG')).toBe('England and Wales');
    expect(jurisdictionName('GB-EAW')).toBeUndefined();
    expect(jurisdictionName('GB-WLS')).toBeUndefined();
    expect(normalizeJurisdiction('GB-EAW')).toBe('GB-ENG');
    expect(normalizeJurisdiction('gb wls')).toBe('GB-ENG');
    expect(normalizeJurisdiction('England and Wales')).toBe('GB-ENG');
  });

  it('labels known codes with their name and leaves others as they are', () => {
    expect(jurisdictionLabel('US-OR')).toBe('Oregon (US-OR)');
    expect(jurisdictionLabel('IE')).toBe('Ireland (IE)');
    expect(jurisdictionLabel('DE-BY')).toBe('DE-BY');
  });

  it('normalizes what people type into codes', () => {
    expect(normalizeJurisdiction(' us-or ')).toBe('US-OR');
    expect(normalizeJurisdiction('US OR')).toBe('US-OR');
    expect(normalizeJurisdiction('oregon')).toBe('US-OR');
    expect(normalizeJurisdiction('New South Wales')).toBe('AU-NSW');
    expect(normalizeJurisdiction('de-by')).toBe('DE-BY');
  });
});
