/**
 * The answer shape of every built-in application question (src/core/enrolment/built-in-questions.ts),
 * as zod schemas: the server validates submitted answers with them, the web form builds its inputs from
 * them, and the CLI's roster import checks its columns with them.
 */
import { z } from 'zod';
import type { BuiltInAnswers, BuiltInQuestionId } from '../core/enrolment/built-in-questions.ts';
import { AFFINITY_TOPICS, COMMUNICATION_STYLES, MEETING_FORMATS } from '../core/matching/index.ts';
import { AvailabilityWindow, Competency } from './matching-profiles.ts';
import { JurisdictionCode, LanguageCode, TaxonomyId, TimeZone } from './vocabulary.ts';

const isoDate = z.iso.date().describe('A date as YYYY-MM-DD');

const uniqueBy =
  <T>(key: (item: T) => string, what: string) =>
  (items: readonly T[], context: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const id = key(item);
      if (seen.has(id))
        context.addIssue({ code: 'custom', message: `${what} ${id} is listed twice`, path: [index] });
      seen.add(id);
    });
  };

const idList = (item: z.ZodType<string>, max: number, what: string) =>
  z
    .array(item)
    .max(max)
    .superRefine(uniqueBy((id: string) => id, what));

export const AffinityResponse = z
  .object({
    topic: z.enum(AFFINITY_TOPICS).describe('The opt-in question answered'),
    answer: z
      .union([z.boolean(), z.array(TaxonomyId).max(20)])
      .describe('Yes/no, or for identity-group the group ids the program offers'),
  })
  .describe('An opt-in affinity answer; used only with the consent recorded beside it');

/** One schema per built-in question id. */
export const BUILT_IN_ANSWER_SCHEMAS = {
  practice_areas: idList(TaxonomyId, 20, 'practice area').describe('Practice-area ids'),
  skills: z
    .array(Competency)
    .max(30)
    .superRefine(uniqueBy((skill: { id: string }) => skill.id, 'skill'))
    .describe('Skills with levels'),
  career_goals: idList(TaxonomyId, 20, 'career goal').describe('Career-goal ids'),
  years_of_practice: z.number().int().min(0).max(70).describe('Whole years since first admission'),
  admission_date: isoDate.nullable().describe('First admission, or null when not yet admitted'),
  jurisdictions_of_admission: idList(JurisdictionCode, 20, 'jurisdiction').describe(
    'Jurisdictions of admission',
  ),
  practice_jurisdictions: idList(JurisdictionCode, 20, 'jurisdiction').describe('Jurisdictions of practice'),
  languages: idList(LanguageCode, 20, 'language').describe('Languages'),
  location: z.string().trim().min(1).max(100).describe('Office or city'),
  employer: z
    .string()
    .trim()
    .min(1, 'name your current firm or organization')
    .max(160)
    .describe('Current firm or organization (inside/outside mentoring rules)'),
  time_zone: TimeZone,
  availability: z.array(AvailabilityWindow).max(50).describe('Weekly availability windows in local time'),
  meeting_format: z.enum(MEETING_FORMATS).describe('Preferred meeting format'),
  communication_style: z.enum(COMMUNICATION_STYLES).describe('Communication style'),
  affinity: z
    .array(AffinityResponse)
    .max(AFFINITY_TOPICS.length)
    .superRefine(uniqueBy((entry: { topic: string }) => entry.topic, 'topic'))
    .describe('Opt-in affinity answers'),
} satisfies { [K in BuiltInQuestionId]: z.ZodType<BuiltInAnswers[K], unknown> };
