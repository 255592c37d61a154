import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../programs/vocabulary.ts';
import { availableDecisions, nextApplicationStatus, type ApplicationAction } from './application-status.ts';

describe('the application status machine', () => {
  const allowed: Array<[ApplicationStatus, ApplicationAction, ApplicationStatus]> = [
    ['submitted', 'approve', 'approved'],
    ['submitted', 'reject', 'rejected'],
    ['submitted', 'waitlist', 'waitlisted'],
    ['submitted', 'request_changes', 'changes_requested'],
    ['changes_requested', 'update', 'submitted'],
    ['submitted', 'update', 'submitted'],
    ['waitlisted', 'approve', 'approved'],
    ['waitlisted', 'reject', 'rejected'],
    ['submitted', 'withdraw', 'withdrawn'],
    ['approved', 'withdraw', 'withdrawn'],
    ['waitlisted', 'withdraw', 'withdrawn'],
    ['changes_requested', 'withdraw', 'withdrawn'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(nextApplicationStatus(from, action)).toBe(to);
  });

  const refused: Array<[ApplicationStatus, ApplicationAction]> = [
    ['approved', 'approve'],
    ['approved', 'update'],
    ['rejected', 'approve'],
    ['rejected', 'withdraw'],
    ['withdrawn', 'withdraw'],
    ['withdrawn', 'approve'],
    ['waitlisted', 'request_changes'],
    ['changes_requested', 'approve'],
  ];
  it.each(refused)('refuses %s --%s--> with INVALID_STATE naming the state', (from, action) => {
    expect(() => nextApplicationStatus(from, action)).toThrow(
      expect.objectContaining({
        code: 'INVALID_STATE',
        message: expect.stringContaining(from.replace('_', ' ')),
      }),
    );
  });

  it('lists the decisions still open in each state', () => {
    const open = Object.fromEntries(
      APPLICATION_STATUSES.map((status) => [status, availableDecisions(status)]),
    );
    expect(open).toEqual({
      submitted: ['approve', 'reject', 'waitlist', 'request_changes'],
      approved: [],
      rejected: [],
      waitlisted: ['approve', 'reject'],
      changes_requested: ['reject'],
      withdrawn: [],
    });
  });
});
