import { describe, expect, it } from 'vitest';
import { employerAnswer, employerOrganizationId, normalizeEmployer } from './employer.ts';

describe('normalizeEmployer', () => {
  it.each([
    ['Smith & Jones LLP', 'smith jones'],
    ['  SMITH and JONES, L.L.P.', 'smith jones l l p'],
    ['Smith, Jones Ltd.', 'smith jones'],
    ['The Oregon Department of Justice', 'oregon department justice'],
    ['Müller GmbH', 'muller gmbh'],
    ['LLP', ''],
  ])('%s → %s', (name, expected) => {
    expect(normalizeEmployer(name)).toBe(expected);
  });

  it('makes the common spellings of one firm equal', () => {
    const spellings = ['Alder & Finch LLP', 'alder and finch', 'ALDER & FINCH, LLP', 'Alder  Finch Ltd'];
    expect(new Set(spellings.map(normalizeEmployer)).size).toBe(1);
  });
});

describe('employerOrganizationId', () => {
  it('prefers the built-in answer, then the legacy custom ids, then the program organization', () => {
    expect(employerOrganizationId({ employer: 'Alder & Finch LLP', firm: 'Other' }, 'org_1')).toBe(
      'employer:alder finch',
    );
    expect(employerOrganizationId({ organization: 'Rose City Legal Aid' }, 'org_1')).toBe(
      'employer:rose city legal aid',
    );
    expect(employerOrganizationId({ firm: '   ' }, 'org_1')).toBe('org_1');
    expect(employerOrganizationId({}, 'org_1')).toBe('org_1');
    expect(employerAnswer({ firm: 7 })).toBeNull();
  });
});
