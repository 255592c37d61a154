import { describe, expect, it } from 'vitest';
import { MEMBER_ROLES, type MemberRole } from '../roles.ts';
import { assertCan, isAllowed, type Decision } from './index.ts';
import {
  canChangeMemberRole,
  canChangeRoles,
  canEditOrganization,
  canInvite,
  canListInvitations,
  canListMembers,
  canRemoveMember,
  canRemoveOthers,
  canReplaceInvitation,
  canResendInvitation,
  canRevokeInvitation,
  canSendInvitationEmails,
  invitableRoles,
  type InvitationStatus,
} from './organizations.ts';

const viewer = (role: MemberRole) => ({ role, membershipId: 'viewer', organizationName: 'Hollis & Pratt' });
const member = (role: MemberRole, id = 'target') => ({ id, role, name: 'Tess Target' });
const outcome = (decision: Decision) => (decision.allowed ? 'allow' : decision.code);

describe('organization-wide decisions, by role', () => {
  it.each([
    // role,        edit,  listMembers, listInvitations, invite, changeRoles, removeOthers, invitable roles
    ['admin', true, true, true, true, true, true, ['admin', 'coordinator', 'member']],
    ['coordinator', false, true, true, true, false, false, ['coordinator', 'member']],
    ['member', false, true, false, false, false, false, []],
  ] as const)(
    '%s: edit %s, list members %s, list invitations %s, invite %s, change roles %s, remove others %s, invite as %j',
    (role, edit, listMembers, listInvitations, invite, changeRoles, removeOthers, roles) => {
      const v = viewer(role);
      expect(isAllowed(canEditOrganization(v))).toBe(edit);
      expect(isAllowed(canListMembers(v))).toBe(listMembers);
      expect(isAllowed(canListInvitations(v))).toBe(listInvitations);
      expect(isAllowed(canInvite(v))).toBe(invite);
      expect(isAllowed(canChangeRoles(v))).toBe(changeRoles);
      expect(isAllowed(canRemoveOthers(v))).toBe(removeOthers);
      expect(invitableRoles(v)).toEqual(roles);
    },
  );

  it('invitableRoles is exactly the roles canInvite allows, for every viewer and role', () => {
    for (const role of MEMBER_ROLES) {
      for (const invited of MEMBER_ROLES) {
        expect(isAllowed(canInvite(viewer(role), invited))).toBe(
          invitableRoles(viewer(role)).includes(invited),
        );
      }
    }
  });

  it('says who may, and where, in the reason', () => {
    expect(canInvite(viewer('coordinator'), 'admin')).toEqual({
      allowed: false,
      code: 'FORBIDDEN',
      reason: 'Only admins of Hollis & Pratt may invite admins',
    });
    expect(canEditOrganization({ role: 'member' })).toMatchObject({
      reason: 'Only admins of this organization may change its settings',
    });
  });
});

describe('member decisions', () => {
  it.each([
    // viewer,       target,        admins, is self, changeRole,      remove
    ['admin', 'member', 1, false, 'allow', 'allow'],
    ['admin', 'admin', 2, false, 'allow', 'allow'],
    ['admin', 'admin', 1, true, 'INVALID_STATE', 'INVALID_STATE'],
    ['admin', 'coordinator', 1, false, 'allow', 'allow'],
    ['coordinator', 'member', 1, false, 'FORBIDDEN', 'FORBIDDEN'],
    ['coordinator', 'coordinator', 1, true, 'FORBIDDEN', 'allow'],
    ['member', 'member', 1, true, 'FORBIDDEN', 'allow'],
    ['member', 'admin', 1, false, 'FORBIDDEN', 'FORBIDDEN'],
    ['member', 'admin', 2, false, 'FORBIDDEN', 'FORBIDDEN'],
  ] as const)(
    '%s looking at a %s (%i admins, self: %s): change role %s, remove %s',
    (viewerRole, targetRole, adminCount, isSelf, changeRole, remove) => {
      const target = member(targetRole, isSelf ? 'viewer' : 'target');
      expect(outcome(canChangeMemberRole(viewer(viewerRole), target, { adminCount }))).toBe(changeRole);
      expect(outcome(canRemoveMember(viewer(viewerRole), target, { adminCount }))).toBe(remove);
    },
  );

  it('lets the last admin be "changed" to admin (nothing changes) but not to anything else', () => {
    const lastAdmin = member('admin');
    expect(outcome(canChangeMemberRole(viewer('admin'), lastAdmin, { adminCount: 1 }, 'admin'))).toBe(
      'allow',
    );
    for (const role of ['coordinator', 'member'] as const) {
      expect(canChangeMemberRole(viewer('admin'), lastAdmin, { adminCount: 1 }, role)).toMatchObject({
        code: 'INVALID_STATE',
        reason: expect.stringMatching(/Tess Target is the last admin of Hollis & Pratt/),
      });
    }
  });

  it('tells the last admin who tries to leave to appoint another admin first', () => {
    expect(canRemoveMember(viewer('admin'), member('admin', 'viewer'), { adminCount: 1 })).toMatchObject({
      reason: expect.stringMatching(
        /^You are the last admin of Hollis & Pratt; make another member an admin/,
      ),
    });
  });
});

describe('invitation decisions', () => {
  const statuses: InvitationStatus[] = ['pending', 'expired', 'accepted', 'revoked'];

  it.each(
    MEMBER_ROLES.flatMap((viewerRole) =>
      MEMBER_ROLES.flatMap((invitationRole) =>
        statuses.map((status) => [viewerRole, invitationRole, status]),
      ),
    ) as Array<[MemberRole, MemberRole, InvitationStatus]>,
  )('%s on a %s invitation that is %s', (viewerRole, invitationRole, status) => {
    const expected =
      viewerRole === 'member' || (invitationRole === 'admin' && viewerRole !== 'admin')
        ? 'FORBIDDEN'
        : status === 'pending' || status === 'expired'
          ? 'allow'
          : 'INVALID_STATE';
    const invitation = { role: invitationRole, status };
    expect(outcome(canRevokeInvitation(viewer(viewerRole), invitation))).toBe(expected);
    expect(outcome(canResendInvitation(viewer(viewerRole), invitation))).toBe(expected);
  });

  it('replaces a pending invitation only for someone who could have sent it', () => {
    const adminInvitation = { role: 'admin' as const, email: 'boss@example.test' };
    expect(outcome(canReplaceInvitation(viewer('admin'), adminInvitation))).toBe('allow');
    expect(canReplaceInvitation(viewer('coordinator'), adminInvitation)).toMatchObject({
      code: 'FORBIDDEN',
      reason: expect.stringContaining('boss@example.test has a pending admin invitation'),
    });
    expect(outcome(canReplaceInvitation(viewer('coordinator'), { role: 'member', email: 'x@y.z' }))).toBe(
      'allow',
    );
  });

  it('sends invitation emails only from a confirmed address', () => {
    expect(outcome(canSendInvitationEmails({ isEmailVerified: true }))).toBe('allow');
    expect(canSendInvitationEmails({ isEmailVerified: false })).toMatchObject({
      code: 'FORBIDDEN',
      reason: expect.stringMatching(/^Confirm your email address before sending invitations/),
    });
  });
});

describe('assertCan', () => {
  it('passes an allowing decision and throws the refusal as an AppError with its code and reason', () => {
    expect(() => assertCan(canEditOrganization(viewer('admin')))).not.toThrow();
    expect(() => assertCan(canEditOrganization(viewer('member')))).toThrow(
      expect.objectContaining({
        name: 'AppError',
        code: 'FORBIDDEN',
        message: expect.stringMatching(/Only admins/),
      }),
    );
    expect(() => assertCan(canRemoveMember(viewer('admin'), member('admin'), { adminCount: 1 }))).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });
});
