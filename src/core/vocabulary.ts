/**
 * The words every layer shares, defined once: the database enums (src/db/schema.ts), the zod contracts
 * (src/contracts/vocabulary.ts) and the web app's pickers are all built from these lists and checks.
 * Jurisdictions and languages have their own modules (jurisdictions.ts, languages.ts); member roles live
 * with what each role may do (roles.ts); taxonomy entries with their labels (taxonomy.ts).
 */

/** What kind of organization runs the programs. */
export const ORGANIZATION_KINDS = [
  'law_firm',
  'bar_association',
  'law_school',
  'legal_aid',
  'court',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Whether a member wants to mentor, be mentored, both, or neither (for now). */
export const MENTORING_ROLES = ['mentor', 'mentee', 'both', 'none'] as const;
export type MentoringRole = (typeof MENTORING_ROLES)[number];

/** Where a recorded email is: waiting for delivery, delivered, or given up on after the last retry. */
export const EMAIL_STATUSES = ['queued', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** How an email leaves: by SMTP, or into the development outbox (recorded, never delivered). */
export const EMAIL_TRANSPORTS = ['smtp', 'outbox'] as const;
export type EmailTransport = (typeof EMAIL_TRANSPORTS)[number];

/** Taxonomy ids (practice areas, competencies, career goals): kebab-case, e.g. `criminal-defense`. */
export const TAXONOMY_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const TAXONOMY_ID_MAX_LENGTH = 64;

// An IANA name is letters, digits, _ + - and slashes, starting with a letter (America/Port-au-Prince,
// Etc/GMT+5, UTC). Checking the shape first refuses UTC offsets such as "+05:30", which some JavaScript
// runtimes accept as time zones and others do not, so every runtime answers alike.
const TIME_ZONE_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
export const TIME_ZONE_NAME_MAX_LENGTH = 64;
const knownTimeZones = new Set<string>();

/**
 * Whether `name` is an IANA time zone name (America/Los_Angeles, Europe/London, UTC) that the runtime's
 * time zone data knows. The server, the matching engine and the web app all validate with this.
 */
export function isTimeZoneName(name: string): boolean {
  if (knownTimeZones.has(name)) return true;
  if (name.length > TIME_ZONE_NAME_MAX_LENGTH || !TIME_ZONE_NAME_PATTERN.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return false;
  }
  // Bounded: differently-cased spellings of real names are also accepted, and input must not grow this.
  if (knownTimeZones.size < 2048) knownTimeZones.add(name);
  return true;
}
