import { eq } from 'drizzle-orm';
import { CreatePlatformAdminRequest } from '../../contracts/accounts.ts';
import { AppError } from '../../core/errors.ts';
import { users } from '../../db/schema.ts';
import type { AppContext } from '../context.ts';
import { insertPasswordUser, type PasswordHasher } from './password-users.ts';

export interface CreatePlatformAdminInput {
  email: string;
  name: string;
  /** Needed only when the account does not exist yet. */
  password?: string | undefined;
  hashPassword: PasswordHasher;
}

export interface CreatePlatformAdminResult {
  userId: string;
  email: string;
  name: string;
  /** created: a new account; promoted: an existing account became admin; unchanged: it already was. */
  outcome: 'created' | 'promoted' | 'unchanged';
}

/**
 * The request checked against its contract, or VALIDATION_FAILED naming each field. The CLI calls it
 * before opening a database; createPlatformAdmin calls it again because it may have other callers.
 */
export function parseCreatePlatformAdminRequest(input: {
  email: string;
  name: string;
  password?: string | undefined;
}): CreatePlatformAdminRequest {
  const parsed = CreatePlatformAdminRequest.safeParse({
    email: input.email,
    name: input.name,
    password: input.password,
  });
  if (!parsed.success) {
    throw AppError.validation(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return parsed.data;
}

/**
 * Creates a platform admin with a verified email, or promotes the existing account with that email.
 * Only the installation's operator runs this (from the CLI), so there is no actor to check.
 */
export async function createPlatformAdmin(
  ctx: AppContext,
  input: CreatePlatformAdminInput,
): Promise<CreatePlatformAdminResult> {
  const { email, name, password } = parseCreatePlatformAdminRequest(input);
  const now = ctx.clock.now();
  // Hash before the transaction (scrypt is slow) and only when an account may have to be created.
  const [existingBefore] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!existingBefore && password === undefined) {
    throw AppError.validation([{ path: 'password', message: 'is required to create a new account' }]);
  }
  const passwordHash = !existingBefore && password !== undefined ? await input.hashPassword(password) : null;

  return ctx.transaction(async (tx) => {
    const [existing] = await tx.db
      .select({ id: users.id, name: users.name, isPlatformAdmin: users.isPlatformAdmin })
      .from(users)
      .where(eq(users.email, email))
      .for('update');
    if (existing) {
      if (existing.isPlatformAdmin) {
        return { userId: existing.id, email, name: existing.name, outcome: 'unchanged' as const };
      }
      await tx.db
        .update(users)
        .set({ isPlatformAdmin: true, updatedAt: now })
        .where(eq(users.id, existing.id));
      ctx.logger.info({ userId: existing.id }, 'user promoted to platform admin');
      return { userId: existing.id, email, name: existing.name, outcome: 'promoted' as const };
    }
    if (passwordHash === null) {
      // The account existed a moment ago and was deleted meanwhile; ask the operator to run it again.
      throw new AppError('CONFLICT', `The account ${email} changed while this ran; run the command again`);
    }
    const userId = await insertPasswordUser(
      tx.db,
      { name, email, passwordHash, isEmailVerified: true, isPlatformAdmin: true },
      now,
    );
    ctx.logger.info({ userId }, 'platform admin created');
    return { userId, email, name, outcome: 'created' as const };
  });
}
