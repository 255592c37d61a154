/**
 * Invitation links carry a random token; the database keeps only its SHA-256, so a leaked database
 * (or export) cannot be used to join an organization.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';

/** How long an invitation link works. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** A new token (32 random bytes, base64url) and the hash to store. */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

/** The stored form of a token: its SHA-256 in hex. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The link in the invitation email: the web app's page that previews and accepts the invitation. */
export function invitationUrl(config: Pick<Config, 'publicUrl'>, token: string): string {
  return `${config.publicUrl}/invitations/${token}`;
}

/** When an invitation sent at `now` expires. */
export function invitationExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITATION_LIFETIME_MS);
}
