import { describe, expect, it } from 'vitest';
import { CONSENT_STATEMENT, reconcileConsents } from './consents.ts';

const NOW = new Date('2026-03-01T10:00:00Z');
const AFFINITY = [{ topic: 'first_generation', answer: true }];

describe('reconcileConsents', () => {
  it('records consent (when and to what) beside a sensitive answer', () => {
    const result = reconcileConsents({
      answers: { affinity: AFFINITY, motivation: 'x' },
      consentedIds: ['affinity'],
      sensitiveIds: ['affinity'],
      previous: {},
      now: NOW,
    });
    expect(result.issues).toEqual([]);
    expect(result.answers).toEqual({ affinity: AFFINITY, motivation: 'x' });
    expect(result.consents).toEqual({
      affinity: { givenAt: NOW.toISOString(), statement: CONSENT_STATEMENT },
    });
  });

  it('refuses a sensitive answer without consent, naming the answer', () => {
    const result = reconcileConsents({
      answers: { affinity: AFFINITY },
      consentedIds: [],
      sensitiveIds: ['affinity'],
      previous: {},
      now: NOW,
    });
    expect(result.issues.map((issue) => issue.path)).toEqual(['answers.affinity']);
  });

  it('drops the answer when consent given before is withdrawn, and keeps the first consent otherwise', () => {
    const previous = { affinity: { givenAt: '2026-01-01T00:00:00.000Z', statement: 'old' } };
    const withdrawn = reconcileConsents({
      answers: { affinity: AFFINITY },
      consentedIds: [],
      sensitiveIds: ['affinity'],
      previous,
      now: NOW,
    });
    expect(withdrawn).toEqual({ answers: {}, consents: {}, issues: [] });
    const kept = reconcileConsents({
      answers: { affinity: AFFINITY },
      consentedIds: ['affinity'],
      sensitiveIds: ['affinity'],
      previous,
      now: NOW,
    });
    expect(kept.consents).toEqual(previous);
  });

  it('records no consent without an answer, and refuses consent to a question that needs none', () => {
    expect(
      reconcileConsents({
        answers: {},
        consentedIds: ['affinity'],
        sensitiveIds: ['affinity'],
        previous: {},
        now: NOW,
      }).consents,
    ).toEqual({});
    expect(
      reconcileConsents({
        answers: {},
        consentedIds: ['motivation'],
        sensitiveIds: ['affinity'],
        previous: {},
        now: NOW,
      }).issues,
    ).toHaveLength(1);
  });
});
