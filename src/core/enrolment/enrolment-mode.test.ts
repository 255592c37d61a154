import { describe, expect, it } from 'vitest';
import type { EligibilityResult } from './eligibility.ts';
import { canApplyUnder, ENROLMENT_MODE_EXPLANATIONS, submissionOutcome } from './enrolment-mode.ts';

const person = { role: 'mentee' as const, programName: 'Associates', cohortName: '2027 intake' };

describe('canApplyUnder', () => {
  it('lets anyone apply under approval_required and open_link', () => {
    expect(canApplyUnder('approval_required', { ...person, isInvited: false })).toEqual({ allowed: true });
    expect(canApplyUnder('open_link', { ...person, isInvited: false })).toEqual({ allowed: true });
  });

  it('lets only invited people apply under invitation_only, naming the rule', () => {
    expect(canApplyUnder('invitation_only', { ...person, isInvited: true })).toEqual({ allowed: true });
    const refused = canApplyUnder('invitation_only', { ...person, isInvited: false });
    expect(refused).toEqual({
      allowed: false,
      reason:
        'Associates enrols by invitation only: only people its coordinators invited to 2027 intake as a mentee may apply',
    });
  });

  it('explains every mode in one line', () => {
    for (const line of Object.values(ENROLMENT_MODE_EXPLANATIONS)) expect(line).not.toContain('\n');
  });
});

describe('submissionOutcome', () => {
  const eligibility = (status: EligibilityResult['status']): EligibilityResult => ({
    status,
    rules:
      status === 'eligible'
        ? [{ id: 'good_standing', label: 'Good standing', outcome: 'pass', reason: 'Attested' }]
        : [
            { id: 'good_standing', label: 'Good standing', outcome: 'pass', reason: 'Attested' },
            {
              id: 'minimum_years_admitted',
              label: 'At least 5 years admitted',
              outcome: status === 'ineligible' ? 'fail' : 'needs_review',
              reason: '3 years',
            },
          ],
  });

  it('waits for review under approval_required and invitation_only', () => {
    expect(submissionOutcome('approval_required', 'mentee', null)).toEqual({
      status: 'submitted',
      reason: null,
    });
    expect(submissionOutcome('invitation_only', 'mentor', eligibility('eligible')).status).toBe('submitted');
  });

  it('approves open-link mentees, and mentors only when every rule passes', () => {
    expect(submissionOutcome('open_link', 'mentee', null).status).toBe('approved');
    expect(submissionOutcome('open_link', 'mentor', null).status).toBe('approved');
    expect(submissionOutcome('open_link', 'mentor', eligibility('eligible'))).toMatchObject({
      status: 'approved',
      reason: expect.stringContaining('every mentor eligibility rule passed'),
    });
    const failing = submissionOutcome('open_link', 'mentor', eligibility('ineligible'));
    expect(failing).toEqual({
      status: 'submitted',
      reason:
        'Waiting for a coordinator: not every mentor eligibility rule passed. At least 5 years admitted: fails (3 years)',
    });
    expect(submissionOutcome('open_link', 'mentor', eligibility('pending')).reason).toContain(
      'needs review (3 years)',
    );
  });
});
