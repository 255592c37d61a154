import { describe, expect, it } from 'vitest';
import { isTimeZoneName, TAXONOMY_ID_MAX_LENGTH, TAXONOMY_ID_PATTERN } from './vocabulary.ts';

const isTaxonomyId = (id: string) => id.length <= TAXONOMY_ID_MAX_LENGTH && TAXONOMY_ID_PATTERN.test(id);

describe('time zone names', () => {
  it('accepts IANA names, including links, Etc zones and names with - and +', () => {
    for (const name of [
      'America/Los_Angeles',
      'Europe/London',
      'Australia/Sydney',
      'America/Argentina/Buenos_Aires',
      'America/Port-au-Prince',
      'Etc/GMT+5',
      'UTC',
      'Asia/Kolkata',
      'US/Pacific',
    ]) {
      expect(isTimeZoneName(name), name).toBe(true);
    }
  });

  it('refuses UTC offsets, which some runtimes accept as zones and others do not', () => {
    for (const offset of ['+05:30', '-08:00', '+0530', 'GMT+05:30', 'UTC+1:00']) {
      expect(isTimeZoneName(offset), offset).toBe(false);
    }
  });

  it('refuses unknown and malformed names', () => {
    for (const name of [
      '',
      'America/Portland',
      'Pacific/Nowhere',
      '../etc/passwd',
      'America//Chicago',
      ' UTC',
    ]) {
      expect(isTimeZoneName(name), JSON.stringify(name)).toBe(false);
    }
    expect(isTimeZoneName(`Europe/${'A'.repeat(80)}`)).toBe(false);
  });

  it('answers the same the second time (known names are remembered)', () => {
    expect(isTimeZoneName('Europe/Dublin')).toBe(true);
    expect(isTimeZoneName('Europe/Dublin')).toBe(true);
    expect(isTimeZoneName('Europe/Nowhere')).toBe(false);
    expect(isTimeZoneName('Europe/Nowhere')).toBe(false);
  });
});

describe('taxonomy ids', () => {
  it('are kebab-case, lower-case letters and digits, at most 64 characters', () => {
    for (const id of ['employment', 'criminal-defense', 'corporate-ma', 'rule-11']) {
      expect(isTaxonomyId(id), id).toBe(true);
    }
    for (const id of ['', 'Employment', 'criminal_defense', '-tax', 'tax-', 'a--b', 'tax law']) {
      expect(isTaxonomyId(id), id).toBe(false);
    }
    expect(isTaxonomyId('a'.repeat(TAXONOMY_ID_MAX_LENGTH))).toBe(true);
    expect(isTaxonomyId('a'.repeat(TAXONOMY_ID_MAX_LENGTH + 1))).toBe(false);
  });
});
