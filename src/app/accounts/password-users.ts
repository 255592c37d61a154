/**
 * Creating accounts outside a sign-up request (the demo seed, `secondchair create-admin`). The password
 * is hashed by better-auth's own hasher (passed in as a PasswordHasher), and the rows are the ones
 * better-auth's email sign-up writes — a user plus a `credential` account holding the hash — so the
 * person signs in through the normal sign-in route. Writing them here rather than calling the sign-up
 * endpoint lets callers keep every row in their own transaction and queue no verification email.
 */
import { randomUUID } from 'node:crypto';
import { accounts, users } from '../../db/schema.ts';
import type { Queryable } from '../context.ts';

/** better-auth's password hasher (`(await auth.$context).password.hash`). */
export type PasswordHasher = (password: string) => Promise<string>;

/** A person to create with an email and a password hash. */
export interface NewPasswordUser {
  /** Defaults to a random UUID, as better-auth would generate. */
  id?: string;
  /** Id of the credential account row; defaults to a random UUID. */
  credentialAccountId?: string;
  name: string;
  email: string;
  passwordHash: string;
  isEmailVerified: boolean;
  isPlatformAdmin: boolean;
}

/** better-auth's provider id for email-and-password accounts. */
export const CREDENTIAL_PROVIDER_ID = 'credential';

/** Inserts the user and their credential account (inside the caller's transaction); returns the user id. */
export async function insertPasswordUser(
  executor: Queryable,
  user: NewPasswordUser,
  now: Date,
): Promise<string> {
  const id = user.id ?? randomUUID();
  await executor.insert(users).values({
    id,
    name: user.name,
    // better-auth stores and looks up emails in lower case.
    email: user.email.toLowerCase(),
    emailVerified: user.isEmailVerified,
    isPlatformAdmin: user.isPlatformAdmin,
    createdAt: now,
    updatedAt: now,
  });
  await executor.insert(accounts).values({
    id: user.credentialAccountId ?? randomUUID(),
    // better-auth uses the user id as the account id of a credential account.
    accountId: id,
    providerId: CREDENTIAL_PROVIDER_ID,
    userId: id,
    password: user.passwordHash,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}
