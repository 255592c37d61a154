import { describe, expect, it } from 'vitest';
import {
  checkRosterHeader,
  isFormulaInjection,
  planRosterRow,
  RosterDuplicates,
  validateRosterRow,
  type AnswerValidator,
  type RosterRow,
} from './roster.ts';

const acceptAll: AnswerValidator = () => null;
const header = checkRosterHeader([
  'Email',
  'name',
  'role',
  'practice_areas',
  'years_of_practice',
  'capacity',
  'languages',
]);
const row = (cells: string[], validate: AnswerValidator = acceptAll) =>
  validateRosterRow(header, cells, 7, validate);
const issuesOf = (result: ReturnType<typeof row>) => ('issues' in result ? result.issues : []);

describe('checkRosterHeader', () => {
  it('names missing required columns, repeated ones, and reports unknown ones', () => {
    const checked = checkRosterHeader(['email', 'Role', 'role', 'shoe_size']);
    expect(checked.issues).toEqual([
      { row: 1, column: 'role', message: 'appears twice in the header' },
      { row: 1, column: 'name', message: 'required column is missing' },
    ]);
    expect(checked.unknownColumns).toEqual(['shoe_size']);
    expect(checked.columns).toEqual(['email', 'role', null, null]);
  });
});

describe('isFormulaInjection', () => {
  it.each(['=HYPERLINK("http://evil.test","x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '  =1'])(
    'refuses %j',
    (value) => expect(isFormulaInjection(value)).toBe(true),
  );
  it.each(['Ana', 'a=b', 'o@example.test', ''])('accepts %j', (value) =>
    expect(isFormulaInjection(value)).toBe(false),
  );
});

describe('validateRosterRow', () => {
  it('reads a valid row: lower-cased email, lists split on ;, numbers', () => {
    expect(row(['Ana@Example.TEST', ' Ana Ruiz ', 'Mentor', 'tax; employment', '12', '3', 'en;es'])).toEqual({
      person: {
        row: 7,
        email: 'ana@example.test',
        name: 'Ana Ruiz',
        role: 'mentor',
        answers: { practice_areas: ['tax', 'employment'], years_of_practice: 12, languages: ['en', 'es'] },
        capacity: 3,
      },
    });
  });

  it('names every problem of a row with its column', () => {
    const issues = issuesOf(
      row(['not-an-email', '', 'boss', 'tax;underwater-basket-weaving', 'many', '99', '']),
    );
    expect(issues.map((issue) => [issue.row, issue.column])).toEqual([
      [7, 'email'],
      [7, 'name'],
      [7, 'role'],
      [7, 'practice_areas'],
      [7, 'years_of_practice'],
      [7, 'capacity'],
    ]);
    expect(issues[3].message).toContain('"underwater-basket-weaving" is not a practice area');
  });

  it('refuses a formula-injection cell with its column', () => {
    const issues = issuesOf(
      row(['a@example.test', '=HYPERLINK("http://evil.test","click")', 'mentee', '', '', '', '']),
    );
    expect(issues).toEqual([{ row: 7, column: 'name', message: expect.stringContaining('formula') }]);
  });

  it('passes answers to their schema and reports its problem', () => {
    const validate: AnswerValidator = (id) => (id === 'languages' ? 'must be a language code' : null);
    expect(issuesOf(row(['a@example.test', 'A', 'mentee', '', '', '', 'english!'], validate))).toEqual([
      { row: 7, column: 'languages', message: 'must be a language code' },
    ]);
  });

  it('keeps capacity for mentors only', () => {
    expect(issuesOf(row(['a@example.test', 'A', 'mentee', '', '', '2', '']))[0].column).toBe('capacity');
  });
});

describe('RosterDuplicates', () => {
  it('refuses the same email twice, naming the first row', () => {
    const duplicates = new RosterDuplicates();
    expect(duplicates.check({ row: 2, email: 'a@x.test' })).toBeNull();
    expect(duplicates.check({ row: 5, email: 'a@x.test' })).toEqual({
      row: 5,
      column: 'email',
      message: 'a@x.test is already on row 2',
    });
  });
});

describe('planRosterRow', () => {
  const person: RosterRow = {
    row: 2,
    email: 'a@x.test',
    name: 'A',
    role: 'mentee',
    answers: { languages: ['en'] },
    capacity: null,
  };
  it('creates for a member, invites a stranger, and finds the second import unchanged', () => {
    expect(planRosterRow(person, { isMember: true })).toBe('create_application');
    expect(planRosterRow(person, { isMember: false })).toBe('invite');
    expect(
      planRosterRow(person, {
        isMember: true,
        application: { answers: { languages: ['en'], location: 'x' }, capacity: null },
      }),
    ).toBe('unchanged');
    expect(
      planRosterRow(person, {
        isMember: true,
        application: { answers: { languages: ['fr'] }, capacity: null },
      }),
    ).toBe('update_application');
    const invitation = { name: 'A', answers: { languages: ['en'] }, capacity: null, isInvitationOpen: true };
    expect(planRosterRow(person, { isMember: false, invitation })).toBe('unchanged');
    expect(planRosterRow(person, { isMember: false, invitation: { ...invitation, name: 'B' } })).toBe(
      'update_invitation',
    );
    expect(
      planRosterRow(person, { isMember: false, invitation: { ...invitation, isInvitationOpen: false } }),
    ).toBe('invite');
  });
});
