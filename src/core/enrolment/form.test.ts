import { describe, expect, it } from 'vitest';
import {
  requiredBuiltInQuestions,
  validateFormForProgram,
  validateFormQuestions,
  type CustomFormQuestion,
  type FormQuestion,
} from './form.ts';

const custom = (overrides: Partial<CustomFormQuestion> = {}): CustomFormQuestion => ({
  kind: 'custom',
  id: 'motivation',
  type: 'long_text',
  label: 'Why do you want to join?',
  help: '',
  required: true,
  options: [],
  scale: null,
  isSensitive: false,
  ...overrides,
});

describe('validateFormQuestions', () => {
  it('accepts a form of built-in and custom questions', () => {
    const form: FormQuestion[] = [
      { kind: 'built_in', id: 'practice_areas', required: true },
      { kind: 'built_in', id: 'affinity', required: false },
      custom(),
      custom({ id: 'track', type: 'single_choice', options: ['Litigation', 'Transactional'] }),
      custom({
        id: 'confidence',
        type: 'scale',
        scale: { min: 1, max: 5, minLabel: 'Low', maxLabel: 'High' },
      }),
    ];
    expect(validateFormQuestions(form)).toEqual([]);
  });

  const cases: Array<[string, FormQuestion[], string]> = [
    ['a duplicate id', [custom(), custom()], 'questions.1.id'],
    [
      'a duplicate built-in',
      [
        { kind: 'built_in', id: 'skills', required: false },
        { kind: 'built_in', id: 'skills', required: true },
      ],
      'questions.1.id',
    ],
    ['a custom id taking a built-in one', [custom({ id: 'languages' })], 'questions.0.id'],
    ['the reserved eligibility id', [custom({ id: 'eligibility' })], 'questions.0.id'],
    ['an id that is not snake_case', [custom({ id: 'Why Join' })], 'questions.0.id'],
    ['a choice question without choices', [custom({ type: 'multiple_choice' })], 'questions.0.options'],
    [
      'a repeated choice',
      [custom({ type: 'single_choice', options: ['Yes', ' yes'] })],
      'questions.0.options.1',
    ],
    ['an empty choice', [custom({ type: 'single_choice', options: ['A', ''] })], 'questions.0.options.1'],
    ['choices on a text question', [custom({ options: ['A'] })], 'questions.0.options'],
    ['a scale without a range', [custom({ type: 'scale' })], 'questions.0.scale'],
    [
      'an upside-down scale',
      [custom({ type: 'scale', scale: { min: 5, max: 1, minLabel: '', maxLabel: '' } })],
      'questions.0.scale.max',
    ],
    [
      'a required sensitive question',
      [custom({ isSensitive: true, required: true })],
      'questions.0.required',
    ],
    [
      'a required affinity question',
      [{ kind: 'built_in', id: 'affinity', required: true }],
      'questions.0.required',
    ],
    ['an empty label', [custom({ label: '  ' })], 'questions.0.label'],
  ];
  it.each(cases)('refuses %s, naming it', (_name, form, path) => {
    expect(validateFormQuestions(form).map((issue) => issue.path)).toContain(path);
  });

  it('refuses more than 60 questions', () => {
    const form = Array.from({ length: 61 }, (_, i) => custom({ id: `q${i}` }));
    expect(validateFormQuestions(form).map((issue) => issue.path)).toContain('questions');
  });
});

describe('validateFormForProgram: what the program settings demand of a form', () => {
  const employer = (required: boolean): FormQuestion => ({ kind: 'built_in', id: 'employer', required });
  const areas: FormQuestion = { kind: 'built_in', id: 'practice_areas', required: true };

  it('asks nothing extra when mentors may come from anywhere', () => {
    expect(validateFormForProgram([areas], { insideOutsideRule: 'either' })).toEqual([]);
  });

  it('needs the employer question, required, under an inside/outside rule, naming it and the rule', () => {
    const missing = validateFormForProgram([areas], { insideOutsideRule: 'must_be_outside' });
    expect(missing).toEqual([
      {
        path: 'questions',
        message: expect.stringMatching(
          /^add the built-in question employer .* as a required question: .*outside/,
        ),
      },
    ]);
    expect(validateFormForProgram([areas, employer(false)], { insideOutsideRule: 'must_be_inside' })).toEqual(
      [{ path: 'questions.1.required', message: expect.stringContaining('employer') }],
    );
    expect(validateFormForProgram([employer(true)], { insideOutsideRule: 'must_be_inside' })).toEqual([]);
    expect(requiredBuiltInQuestions({ insideOutsideRule: 'must_be_outside' })).toEqual(['employer']);
  });
});
