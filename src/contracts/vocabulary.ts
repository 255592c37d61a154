/**
 * The zod schemas of the shared vocabulary, built from the lists and checks in src/core: every contract
 * (organizations, profiles, matching, admin) and the web forms validate these words with these schemas.
 */
import { z } from 'zod';
import { JURISDICTION_CODE_PATTERN } from '../core/jurisdictions.ts';
import { LANGUAGE_CODE_PATTERN } from '../core/languages.ts';
import { MEMBER_ROLES } from '../core/roles.ts';
import {
  EMAIL_STATUSES,
  EMAIL_TRANSPORTS,
  isTimeZoneName,
  MENTORING_ROLES,
  ORGANIZATION_KINDS,
  TAXONOMY_ID_MAX_LENGTH,
  TAXONOMY_ID_PATTERN,
  TIME_ZONE_NAME_MAX_LENGTH,
} from '../core/vocabulary.ts';

export const OrganizationKind = z
  .enum(ORGANIZATION_KINDS)
  .describe('What kind of organization runs the programs');

export const MemberRole = z
  .enum(MEMBER_ROLES)
  .describe('admin: everything; coordinator: runs programs and invites; member: takes part');

export const MentoringRole = z
  .enum(MENTORING_ROLES)
  .describe('Whether this person wants to mentor, be mentored, both, or neither');

export const EmailStatus = z.enum(EMAIL_STATUSES);
export const EmailTransport = z.enum(EMAIL_TRANSPORTS);

export const JurisdictionCode = z
  .string()
  .regex(JURISDICTION_CODE_PATTERN, 'must be a jurisdiction code such as US-OR, GB-ENG, AU-NSW or IE')
  .describe(
    'Jurisdiction: ISO 3166 country code, with the subdivision where it has its own bar: US-OR, GB-ENG (England and Wales), AU-NSW, IE',
  );

export const TimeZone = z
  .string()
  .max(TIME_ZONE_NAME_MAX_LENGTH)
  .refine(isTimeZoneName, 'must be an IANA time zone such as America/Los_Angeles')
  .describe('IANA time zone, e.g. America/Los_Angeles, Europe/London, Australia/Sydney');

export const TaxonomyId = z
  .string()
  .max(TAXONOMY_ID_MAX_LENGTH)
  .regex(TAXONOMY_ID_PATTERN, 'must be a taxonomy id such as employment or criminal-defense')
  .describe('Kebab-case taxonomy id, e.g. employment, criminal-defense, courtroom-advocacy');

export const LanguageCode = z
  .string()
  .regex(LANGUAGE_CODE_PATTERN, 'must be a language code such as en, es or pt-BR')
  .describe('BCP 47 language code: en, es, pt-BR, zh-Hant, ase (American Sign Language)');
