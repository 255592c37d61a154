import { describe, expect, it } from 'vitest';
import { answersSchemaFor, SaveApplicationFormRequest, type FormQuestion } from './enrolment.ts';

const FORM: FormQuestion[] = [
  { kind: 'built_in', id: 'practice_areas', required: true },
  { kind: 'built_in', id: 'years_of_practice', required: false },
  { kind: 'built_in', id: 'affinity', required: false },
  {
    kind: 'custom',
    id: 'motivation',
    type: 'long_text',
    label: 'Why?',
    help: '',
    required: true,
    options: [],
    scale: null,
    isSensitive: false,
  },
  {
    kind: 'custom',
    id: 'track',
    type: 'single_choice',
    label: 'Track',
    help: '',
    required: false,
    options: ['Litigation', 'Deals'],
    scale: null,
    isSensitive: false,
  },
  {
    kind: 'custom',
    id: 'topics',
    type: 'multiple_choice',
    label: 'Topics',
    help: '',
    required: false,
    options: ['Ethics', 'Billing'],
    scale: null,
    isSensitive: false,
  },
  {
    kind: 'custom',
    id: 'confidence',
    type: 'scale',
    label: 'Confidence',
    help: '',
    required: false,
    options: [],
    scale: { min: 1, max: 5, minLabel: 'Low', maxLabel: 'High' },
    isSensitive: false,
  },
  {
    kind: 'custom',
    id: 'relocate',
    type: 'yes_no',
    label: 'Relocate?',
    help: '',
    required: false,
    options: [],
    scale: null,
    isSensitive: false,
  },
];

const VALID = {
  practice_areas: ['employment'],
  years_of_practice: 3,
  motivation: 'To learn trial practice',
  track: 'Litigation',
  topics: ['Ethics'],
  confidence: 4,
  relocate: false,
};

describe('answersSchemaFor', () => {
  const schema = answersSchemaFor(FORM);
  it('accepts answers of the right types', () => {
    expect(schema.safeParse(VALID).success).toBe(true);
  });

  const wrong: Array<[string, Record<string, unknown>, string]> = [
    ['a number as text', { motivation: 42 }, 'motivation'],
    ['text as a number', { years_of_practice: 'three' }, 'years_of_practice'],
    ['an unknown choice', { track: 'Tax' }, 'track'],
    ['a repeated choice', { topics: ['Ethics', 'Ethics'] }, 'topics'],
    ['a scale value out of range', { confidence: 6 }, 'confidence'],
    ['a string for yes/no', { relocate: 'yes' }, 'relocate'],
    ['an unknown practice area shape', { practice_areas: 'employment' }, 'practice_areas'],
  ];
  it.each(wrong)('refuses %s, naming the question', (_name, change, path) => {
    const result = schema.safeParse({ ...VALID, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('enforces required questions and refuses answers to questions the form does not ask', () => {
    const { motivation: _m, ...missing } = VALID;
    expect(schema.safeParse(missing).error!.issues[0].path).toEqual(['motivation']);
    const unknown = schema.safeParse({ ...VALID, shoe_size: 9 });
    expect(unknown.error!.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['shoe_size'] });
  });

  it('adds the eligibility answers a mentor owes under the rules', () => {
    const mentor = answersSchemaFor(FORM, {
      requireGoodStanding: true,
      references: { count: 1, maxFromSameFirm: 1 },
    });
    expect(mentor.safeParse(VALID).error!.issues[0].path).toEqual(['eligibility']);
    const ok = mentor.safeParse({
      ...VALID,
      eligibility: { goodStanding: true, references: [{ name: 'A', email: 'a@b.test', firm: 'X' }] },
    });
    expect(ok.success).toBe(true);
  });
});

describe('SaveApplicationFormRequest', () => {
  it('names the question of a structural problem', () => {
    const result = SaveApplicationFormRequest.safeParse({
      questions: [{ kind: 'custom', id: 'track', type: 'single_choice', label: 'Track', options: [] }],
    });
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toContain('questions.0.options');
  });
});
