/**
 * The taxonomies people describe themselves with: practice areas and competencies, with labels for
 * people. The ids are the ones the matching engine already uses (src/core/matching/profile.ts), so a
 * profile filled in here is scored without translation; this module adds display labels and the few
 * practice areas the engine has no reason label for yet.
 */
import { COMPETENCY_LABELS, PRACTICE_AREA_LABELS } from './matching/profile.ts';

/** One entry of a taxonomy: a stable kebab-case id and what people read. */
export interface TaxonomyEntry {
  id: string;
  label: string;
}

// Practice areas that profiles need but the matching engine has no reason label for; the engine
// falls back to the id ("labor", "securities"), which reads well enough in a reason.
const ADDITIONAL_PRACTICE_AREA_LABELS: Readonly<Record<string, string>> = {
  labor: 'labor law',
  securities: 'securities regulation',
};

function toSentenceCase(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

function toEntries(labels: Readonly<Record<string, string>>): readonly TaxonomyEntry[] {
  return Object.entries(labels)
    .map(([id, label]) => ({ id, label: toSentenceCase(label) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'en'));
}

/** Every practice area a profile may list, sorted by label. */
export const PRACTICE_AREAS: readonly TaxonomyEntry[] = toEntries({
  ...PRACTICE_AREA_LABELS,
  ...ADDITIONAL_PRACTICE_AREA_LABELS,
});

/** Every competency a mentor can offer or a mentee can want to develop, sorted by label. */
export const COMPETENCIES: readonly TaxonomyEntry[] = toEntries(COMPETENCY_LABELS);

const PRACTICE_AREA_BY_ID = new Map(PRACTICE_AREAS.map((entry) => [entry.id, entry]));
const COMPETENCY_BY_ID = new Map(COMPETENCIES.map((entry) => [entry.id, entry]));

/** Whether `id` is a known practice area. */
export function isPracticeAreaId(id: string): boolean {
  return PRACTICE_AREA_BY_ID.has(id);
}

/** Whether `id` is a known competency. */
export function isCompetencyId(id: string): boolean {
  return COMPETENCY_BY_ID.has(id);
}

/** The label of a practice area, or the id itself when it is unknown. */
export function practiceAreaLabel(id: string): string {
  return PRACTICE_AREA_BY_ID.get(id)?.label ?? id;
}

/** The label of a competency, or the id itself when it is unknown. */
export function competencyLabel(id: string): string {
  return COMPETENCY_BY_ID.get(id)?.label ?? id;
}
