/**
 * The open sign-up link of a program (enrolment mode `open_link`): whoever holds it sees the program,
 * joins its organization as a member and goes on to apply. Only the link's SHA-256 is stored.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { memberships, organizations, programs } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext, Queryable } from '../context.ts';
import { requireProgram, type ProgramRow } from '../programs/program-access.ts';
import { openCohort, type CohortRow } from './records.ts';

export function hashOpenLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The web app's landing page of a link. */
export function openLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/enrol/${token}`;
}

/** Creates the program's sign-up link, replacing (and so disabling) any earlier one; the token is shown once. */
export async function createOpenLink(
  ctx: AppContext,
  input: { programId: string },
): Promise<{ token: string; url: string }> {
  return ctx.transaction(async (tx) => {
    const scope = await requireProgram(tx, input.programId, { manage: true });
    if (scope.program.enrolmentMode !== 'open_link') {
      throw new AppError(
        'INVALID_STATE',
        `${scope.program.name} enrols by ${scope.program.enrolmentMode.replaceAll('_', ' ')}; switch it to open link first`,
      );
    }
    const token = randomBytes(32).toString('base64url');
    await tx.db
      .update(programs)
      .set({ openLinkTokenHash: hashOpenLinkToken(token), updatedAt: tx.clock.now() })
      .where(eq(programs.id, scope.program.id));
    return { token, url: openLinkUrl(tx.config.publicUrl, token) };
  });
}

async function programByToken(
  db: Queryable,
  token: string,
): Promise<{ program: ProgramRow; organizationName: string }> {
  const [row] = await db
    .select({ program: programs, organizationName: organizations.name })
    .from(programs)
    .innerJoin(organizations, eq(organizations.id, programs.organizationId))
    .where(and(eq(programs.openLinkTokenHash, hashOpenLinkToken(token)), isNull(programs.archivedAt)))
    .limit(1);
  if (!row || row.program.enrolmentMode !== 'open_link') {
    throw new AppError('NOT_FOUND', 'This sign-up link is not valid; it may have been replaced');
  }
  return row;
}

export interface OpenLinkPreview {
  organization: { id: string; name: string };
  program: ProgramRow;
  cohort: CohortRow | null;
  /** null when nobody is signed in. */
  isMember: boolean | null;
}

/** What the holder of a link sees, signed in or not (the token is the credential). */
export async function getOpenLinkPreview(
  ctx: AppContext,
  input: { token: string },
): Promise<OpenLinkPreview> {
  const { program, organizationName } = await programByToken(ctx.db, input.token);
  let isMember: boolean | null = null;
  if (ctx.actor) {
    const [membership] = await ctx.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(eq(memberships.organizationId, program.organizationId), eq(memberships.userId, ctx.actor.userId)),
      );
    isMember = membership !== undefined;
  }
  return {
    organization: { id: program.organizationId, name: organizationName },
    program,
    cohort: await openCohort(ctx.db, program.id, ctx.clock.now()),
    isMember,
  };
}

/** The signed-in holder of a link joins the program's organization as a member (if not one already). */
export async function joinByOpenLink(
  ctx: AppContext,
  input: { token: string },
): Promise<{ organizationId: string; programId: string }> {
  requireActor(ctx);
  const actor = ctx.actor;
  return ctx.transaction(async (tx) => {
    const { program } = await programByToken(tx.db, input.token);
    const now = tx.clock.now();
    await tx.db
      .insert(memberships)
      .values({
        id: randomUUID(),
        organizationId: program.organizationId,
        userId: actor.userId,
        role: 'member',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing();
    return { organizationId: program.organizationId, programId: program.id };
  });
}
