import { describe, expect, it } from 'vitest';
import { canCreateProgram, canViewProgram, programPermissions, type ProgramSubject } from './programs.ts';

const draft: ProgramSubject = { isArchived: false, cohorts: [{ state: 'draft', isRolling: false }] };
const enrolling: ProgramSubject = { isArchived: false, cohorts: [{ state: 'enrolling', isRolling: false }] };
const running: ProgramSubject = { isArchived: false, cohorts: [{ state: 'running', isRolling: false }] };
const archived: ProgramSubject = { ...enrolling, isArchived: true };

const admin = { role: 'admin', isProgramCoordinator: false } as const;
const coordinator = { role: 'coordinator', isProgramCoordinator: false } as const;
const programCoordinator = { role: 'member', isProgramCoordinator: true } as const;
const member = { role: 'member', isProgramCoordinator: false } as const;

describe('program policies', () => {
  it('lets organization admins and coordinators create programs, not members', () => {
    expect([canCreateProgram('admin'), canCreateProgram('coordinator'), canCreateProgram('member')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('gives organization admins and coordinators everything but applying', () => {
    for (const viewer of [admin, coordinator]) {
      expect(programPermissions(viewer, enrolling)).toEqual({
        view: true,
        edit: true,
        duplicate: true,
        archive: true,
        manageCoordinators: true,
        transition: true,
        apply: false,
      });
    }
  });

  it('lets a program coordinator run their program but not copy, archive it or appoint others', () => {
    expect(programPermissions(programCoordinator, draft)).toEqual({
      view: true,
      edit: true,
      duplicate: false,
      archive: false,
      manageCoordinators: false,
      transition: true,
      apply: false,
    });
  });

  it('shows members programs from enrolling on, never drafts, and lets them apply while enrolling', () => {
    expect(canViewProgram(member, draft)).toBe(false);
    expect(canViewProgram(member, archived)).toBe(false);
    expect(programPermissions(member, enrolling)).toEqual({
      view: true,
      edit: false,
      duplicate: false,
      archive: false,
      manageCoordinators: false,
      transition: false,
      apply: true,
    });
    expect(programPermissions(member, running)).toMatchObject({ view: true, apply: false });
    expect(
      programPermissions(member, { isArchived: false, cohorts: [{ state: 'running', isRolling: true }] })
        .apply,
    ).toBe(true);
  });

  it('opens an invitation-only program only to people invited to a cohort taking applications', () => {
    const inviteOnly = {
      isArchived: false,
      enrolmentMode: 'invitation_only' as const,
      cohorts: [
        { id: 'c_open', state: 'enrolling' as const, isRolling: false },
        { id: 'c_done', state: 'closed' as const, isRolling: false },
      ],
    };
    expect(programPermissions(member, inviteOnly)).toMatchObject({ view: true, apply: false });
    expect(programPermissions(member, { ...inviteOnly, invitedCohortIds: new Set(['c_done']) }).apply).toBe(
      false,
    );
    expect(programPermissions(member, { ...inviteOnly, invitedCohortIds: new Set(['c_open']) }).apply).toBe(
      true,
    );
  });

  it('freezes an archived program: nothing to edit, transition or archive again; a copy is still possible', () => {
    expect(programPermissions(admin, archived)).toMatchObject({
      edit: false,
      transition: false,
      archive: false,
      manageCoordinators: false,
      duplicate: true,
    });
  });
});
