/**
 * A roster: a CSV file a coordinator uploads to bring people into one cohort of a program as mentors or
 * mentees (issue 7, "Ways in"). This module is the pure part of the import: the columns, the header
 * check, the validation of one row, formula-injection detection, and what the import would do with a
 * row. Reading the file (streaming, encoding, size) and the database live in src/app/roster.
 */
import { isPracticeAreaId } from '../taxonomy.ts';
import { PROGRAM_ROLES, type ProgramRole } from '../programs/vocabulary.ts';

/** The columns every roster must have. */
export const ROSTER_REQUIRED_COLUMNS = ['email', 'name', 'role'] as const;

/** How a cell of an answer column is read before its answer schema checks it. */
export type RosterCellKind = 'list' | 'integer' | 'text' | 'date-or-none';

/** The optional columns that carry built-in answers (question id = column name), and how each is read. */
export const ROSTER_ANSWER_COLUMNS = {
  practice_areas: 'list',
  career_goals: 'list',
  years_of_practice: 'integer',
  admission_date: 'date-or-none',
  jurisdictions_of_admission: 'list',
  practice_jurisdictions: 'list',
  languages: 'list',
  location: 'text',
  employer: 'text',
  time_zone: 'text',
  meeting_format: 'text',
  communication_style: 'text',
} as const satisfies Record<string, RosterCellKind>;
export type RosterAnswerColumn = keyof typeof ROSTER_ANSWER_COLUMNS;

/** Optional columns that are not answers: mentor capacity in this program. */
export const ROSTER_OTHER_COLUMNS = ['capacity'] as const;

/** Every column a roster may have. */
export const ROSTER_COLUMNS: readonly string[] = [
  ...ROSTER_REQUIRED_COLUMNS,
  ...Object.keys(ROSTER_ANSWER_COLUMNS),
  ...ROSTER_OTHER_COLUMNS,
];

/** Separator of several values in one cell (`corporate;litigation`). */
export const ROSTER_LIST_SEPARATOR = ';';

/** Most a mentor may offer in a roster's capacity column. */
export const MAX_ROSTER_CAPACITY = 20;

/** One problem with a roster: the row (1 is the header, 2 the first person), the column and what is wrong. */
export interface RosterIssue {
  row: number;
  /** The column's header name, or `file` for the file as a whole. */
  column: string;
  message: string;
}

/** A valid row: one person to bring into the cohort. */
export interface RosterRow {
  row: number;
  /** Lower-cased and trimmed: people are matched by email, case-insensitively. */
  email: string;
  name: string;
  role: ProgramRole;
  /** Built-in answers by question id (only the columns the file has and the row fills). */
  answers: Record<string, unknown>;
  capacity: number | null;
}

/** What the header says: which column is where, and what is wrong with it. */
export interface RosterHeader {
  /** Column name per position; null for an unknown or repeated column (its cells are ignored). */
  columns: ReadonlyArray<string | null>;
  /** Missing required columns and repeated columns: the file cannot be imported. */
  issues: RosterIssue[];
  /** Columns the import does not know; reported and ignored. */
  unknownColumns: string[];
}

/** Checks the header row: required columns present, no column twice, unknown ones reported. */
export function checkRosterHeader(cells: readonly string[]): RosterHeader {
  const known = new Set(ROSTER_COLUMNS);
  const seen = new Set<string>();
  const issues: RosterIssue[] = [];
  const unknownColumns: string[] = [];
  const columns = cells.map((cell) => {
    const name = cell.trim().toLowerCase();
    if (name === '') return null;
    if (seen.has(name)) {
      issues.push({ row: 1, column: name, message: 'appears twice in the header' });
      return null;
    }
    seen.add(name);
    if (!known.has(name)) {
      unknownColumns.push(cell.trim());
      return null;
    }
    return name;
  });
  for (const required of ROSTER_REQUIRED_COLUMNS) {
    if (!seen.has(required)) issues.push({ row: 1, column: required, message: 'required column is missing' });
  }
  return { columns, issues, unknownColumns };
}

/**
 * Whether a cell would run as a formula when the file is opened in a spreadsheet (CSV injection, OWASP):
 * it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, also after leading spaces.
 */
export function isFormulaInjection(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value) || /^ +[=+\-@\t\r]/.test(value);
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_NAME_LENGTH = 200;
const MAX_EMAIL_LENGTH = 254;

/** Checks one answer value against its answer schema: the problem, or null when it is valid. */
export type AnswerValidator = (questionId: RosterAnswerColumn, value: unknown) => string | null;

function readCell(kind: RosterCellKind, cell: string): { value: unknown } | { problem: string } {
  switch (kind) {
    case 'list':
      return {
        value: cell
          .split(ROSTER_LIST_SEPARATOR)
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      };
    case 'integer':
      return /^\d{1,4}$/.test(cell) ? { value: Number(cell) } : { problem: 'must be a whole number' };
    case 'date-or-none':
      return { value: cell.toLowerCase() === 'none' ? null : cell };
    case 'text':
      return { value: cell };
  }
}

/**
 * Validates one data row (`cells` by position, `row` its number in the file) against the header. Returns
 * the row as a person to import, or its problems (every one, not just the first).
 */
export function validateRosterRow(
  header: RosterHeader,
  cells: readonly string[],
  row: number,
  validateAnswer: AnswerValidator,
): { person: RosterRow } | { issues: RosterIssue[] } {
  const issues: RosterIssue[] = [];
  const values = new Map<string, string>();
  header.columns.forEach((column, index) => {
    if (column === null) return;
    const raw = cells[index] ?? '';
    if (isFormulaInjection(raw)) {
      issues.push({
        row,
        column,
        message: `starts with "${raw.charAt(0) === '\t' ? '\\t' : raw.charAt(0) === '\r' ? '\\r' : raw.trimStart().charAt(0)}", which a spreadsheet would run as a formula; remove it`,
      });
      return;
    }
    if (raw.includes('\u0000')) {
      issues.push({ row, column, message: 'must not contain the NUL character' });
      return;
    }
    values.set(column, raw.trim());
  });
  if (cells.length > header.columns.length && cells.slice(header.columns.length).some((c) => c.trim())) {
    issues.push({
      row,
      column: 'file',
      message: `has ${cells.length} cells but the header has ${header.columns.length}`,
    });
  }

  const email = (values.get('email') ?? '').toLowerCase();
  if (!values.has('email') && issues.some((issue) => issue.column === 'email')) {
    // Already reported (formula injection).
  } else if (email === '') issues.push({ row, column: 'email', message: 'is required' });
  else if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    issues.push({ row, column: 'email', message: `"${values.get('email')}" is not an email address` });
  }

  const name = values.get('name') ?? '';
  if (values.has('name')) {
    if (name === '') issues.push({ row, column: 'name', message: 'is required' });
    else if (name.length > MAX_NAME_LENGTH) {
      issues.push({ row, column: 'name', message: `must be at most ${MAX_NAME_LENGTH} characters` });
    }
  }

  const roleCell = (values.get('role') ?? '').toLowerCase();
  const role = (PROGRAM_ROLES as readonly string[]).includes(roleCell) ? (roleCell as ProgramRole) : null;
  if (values.has('role') && role === null) {
    issues.push({
      row,
      column: 'role',
      message:
        roleCell === ''
          ? 'is required (mentor or mentee)'
          : `"${values.get('role')}" is not a role: use mentor or mentee`,
    });
  }

  const answers: Record<string, unknown> = {};
  for (const [column, kind] of Object.entries(ROSTER_ANSWER_COLUMNS) as Array<
    [RosterAnswerColumn, RosterCellKind]
  >) {
    const cell = values.get(column);
    if (cell === undefined || cell === '') continue;
    const read = readCell(kind, cell);
    if ('problem' in read) {
      issues.push({ row, column, message: read.problem });
      continue;
    }
    if (column === 'practice_areas') {
      const unknown = (read.value as string[]).filter((id) => !isPracticeAreaId(id));
      if (unknown.length > 0) {
        issues.push({
          row,
          column,
          message: `${unknown.map((id) => `"${id}"`).join(', ')} ${unknown.length === 1 ? 'is not a practice area' : 'are not practice areas'} of the taxonomy`,
        });
        continue;
      }
    }
    const problem = validateAnswer(column, read.value);
    if (problem !== null) {
      issues.push({ row, column, message: problem });
      continue;
    }
    answers[column] = read.value;
  }

  let capacity: number | null = null;
  const capacityCell = values.get('capacity');
  if (capacityCell !== undefined && capacityCell !== '') {
    if (
      !/^\d{1,3}$/.test(capacityCell) ||
      Number(capacityCell) < 1 ||
      Number(capacityCell) > MAX_ROSTER_CAPACITY
    ) {
      issues.push({
        row,
        column: 'capacity',
        message: `must be a whole number from 1 to ${MAX_ROSTER_CAPACITY}`,
      });
    } else if (role === 'mentee') {
      issues.push({ row, column: 'capacity', message: 'is for mentors only; leave it empty for a mentee' });
    } else capacity = Number(capacityCell);
  }

  if (issues.length > 0 || role === null) return { issues };
  return { person: { row, email, name, role, answers, capacity } };
}

/**
 * Remembers the emails seen so far in one file, so that a second row for the same person is refused
 * (people are matched by email, case-insensitively).
 */
export class RosterDuplicates {
  private readonly firstRow = new Map<string, number>();

  /** The issue for `person` if its email appeared on an earlier row; otherwise remembers it. */
  check(person: Pick<RosterRow, 'row' | 'email'>): RosterIssue | null {
    const first = this.firstRow.get(person.email);
    if (first !== undefined) {
      return { row: person.row, column: 'email', message: `${person.email} is already on row ${first}` };
    }
    this.firstRow.set(person.email, person.row);
    return null;
  }
}

/** What the import does with one row. */
export const ROSTER_ACTIONS = [
  'create_application',
  'update_application',
  'invite',
  'update_invitation',
  'unchanged',
] as const;
export type RosterAction = (typeof ROSTER_ACTIONS)[number];

/** What the database already holds about one row's person in the cohort. */
export interface RosterPersonState {
  /** Their membership of the program's organization, if any. */
  isMember: boolean;
  /** Their live application in the cohort for the row's role. */
  application?: { answers: Readonly<Record<string, unknown>>; capacity: number | null };
  /** A pending program invitation in the cohort for the row's role. */
  invitation?: {
    name: string;
    answers: Readonly<Record<string, unknown>>;
    capacity: number | null;
    /** Whether its organization invitation can still be accepted (pending and not expired). */
    isInvitationOpen: boolean;
  };
}

/** The answers after an import: the imported ones replace those with the same question id. */
export function mergeAnswers(
  existing: Readonly<Record<string, unknown>>,
  imported: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return { ...existing, ...imported };
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${stable(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether two answer sets are the same, whatever the order of their keys. */
export function sameAnswers(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  return stable(a) === stable(b);
}

/**
 * What importing `person` does, given what exists: the same file imported twice plans `unchanged`
 * for every row (idempotence).
 */
export function planRosterRow(person: RosterRow, state: RosterPersonState): RosterAction {
  if (state.application) {
    const merged = mergeAnswers(state.application.answers, person.answers);
    const capacity = person.capacity ?? state.application.capacity;
    return sameAnswers(merged, state.application.answers) && capacity === state.application.capacity
      ? 'unchanged'
      : 'update_application';
  }
  if (state.isMember) return 'create_application';
  if (!state.invitation || !state.invitation.isInvitationOpen) return 'invite';
  const merged = mergeAnswers(state.invitation.answers, person.answers);
  const capacity = person.capacity ?? state.invitation.capacity;
  const isSame =
    sameAnswers(merged, state.invitation.answers) &&
    capacity === state.invitation.capacity &&
    (person.name === '' || person.name === state.invitation.name);
  return isSame ? 'unchanged' : 'update_invitation';
}
