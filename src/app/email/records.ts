/** What the email use cases share: the record they return and who may read it. */
import { AppError } from '../../core/errors.ts';
import type { emails } from '../../db/schema.ts';
import { requireActor } from '../access.ts';
import type { AppContext, OutgoingEmail } from '../context.ts';

/** A row of the `emails` table: the outbox and delivery record of one message. */
export type EmailRecord = typeof emails.$inferSelect;

/** Throws unless the actor is a platform admin: emails carry sign-in links for every organization. */
export function requirePlatformAdmin(ctx: AppContext): void {
  requireActor(ctx);
  if (!ctx.actor.isPlatformAdmin) {
    throw new AppError('FORBIDDEN', 'Only a platform admin may read the emails of this installation');
  }
}

/** What a token-bearing link reads as where it may no longer be shown. */
export const REMOVED_LINK = '[link removed]';

/** The metadata key under which an email keeps its token-bearing links until they are erased. */
const SECRET_LINKS_KEY = 'secretLinks';

/** The metadata to store for an email: its own, plus the token-bearing links to erase after delivery. */
export function metadataToStore(email: OutgoingEmail): Record<string, unknown> | undefined {
  const links = new Set(email.secretLinks ?? []);
  if (typeof email.metadata?.url === 'string') links.add(email.metadata.url);
  if (links.size === 0) return email.metadata;
  return { ...email.metadata, [SECRET_LINKS_KEY]: [...links] };
}

function storedSecretLinks(metadata: Record<string, unknown> | null): string[] {
  const links = metadata?.[SECRET_LINKS_KEY];
  return Array.isArray(links)
    ? links.filter((link): link is string => typeof link === 'string' && link !== '')
    : [];
}

// The same escaping as the templates' HTML: an `&` in a link's query reads `&amp;` in the HTML body.
function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function removeLinks(value: string, links: string[]): string {
  let result = value;
  for (const link of links) {
    result = result.replaceAll(link, REMOVED_LINK).replaceAll(escapeHtml(link), escapeHtml(REMOVED_LINK));
  }
  return result;
}

function removeLinksDeep(value: unknown, links: string[]): unknown {
  if (typeof value === 'string') return removeLinks(value, links);
  if (Array.isArray(value)) return value.map((item) => removeLinksDeep(item, links));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, removeLinksDeep(item, links)]),
    );
  }
  return value;
}

export interface EmailContent {
  text: string;
  html: string | null;
  metadata: Record<string, unknown> | null;
}

/**
 * The email without its token-bearing links: what is kept once it went out by SMTP, and what a
 * platform admin sees of an SMTP email at any time. A link is a credential for one person, and the
 * stored copy outlives it in backups and `db export` files.
 */
export function withoutSecretLinks(email: EmailContent): EmailContent {
  // Longest first, so that a link that extends another is removed whole.
  const links = storedSecretLinks(email.metadata).sort((a, b) => b.length - a.length);
  if (links.length === 0) return { text: email.text, html: email.html, metadata: email.metadata };
  const { [SECRET_LINKS_KEY]: _erased, ...metadata } = email.metadata ?? {};
  return {
    text: removeLinks(email.text, links),
    html: email.html === null ? null : removeLinks(email.html, links),
    metadata: removeLinksDeep(metadata, links) as Record<string, unknown>,
  };
}

/**
 * An email as a platform admin may read it. The development outbox (no SMTP_URL) shows its links:
 * it exists so that a developer can follow them, and there is no one else to deliver them to. An
 * email for the SMTP server never shows them, even while it waits in the queue: they are for its
 * recipient only.
 */
export function presentableEmail(email: EmailRecord): EmailRecord {
  return email.transport === 'smtp' ? { ...email, ...withoutSecretLinks(email) } : email;
}
