/**
 * Reads a roster CSV in one streamed pass: bytes are counted (a file over the limit is refused as soon
 * as it is), decoded as UTF-8 (a file that is not is refused, with how to fix it), parsed by csv-parse
 * record by record, and each record validated by src/core/roster. Only the valid people (small objects)
 * and the first MAX_REPORTED_ISSUES problems are kept; the file itself never is.
 */
import { once } from 'node:events';
import { parse, type CsvError } from 'csv-parse';
import { AppError } from '../../core/errors.ts';
import {
  checkRosterHeader,
  RosterDuplicates,
  validateRosterRow,
  type AnswerValidator,
  type RosterIssue,
  type RosterRow,
} from '../../core/roster/roster.ts';
import { BUILT_IN_ANSWER_SCHEMAS } from '../../contracts/built-in-answers.ts';

/** Largest roster file accepted. */
export const MAX_ROSTER_BYTES = 10 * 1024 * 1024;
/** Most people in one roster. */
export const MAX_ROSTER_ROWS = 20_000;
/** Most problems listed in one answer (the count says how many there are in all). */
export const MAX_REPORTED_ISSUES = 1_000;

export interface RosterReading {
  people: RosterRow[];
  /** Problems, in file order (the first MAX_REPORTED_ISSUES). */
  issues: RosterIssue[];
  issueCount: number;
  /** Data rows read (blank lines excluded). */
  rowCount: number;
  unknownColumns: string[];
}

/** The built-in answer schemas as core's validator: the first problem, or null. */
export const validateBuiltInAnswer: AnswerValidator = (questionId, value) => {
  const result = BUILT_IN_ANSWER_SCHEMAS[questionId].safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `item ${Number(issue.path[0]) + 1}: ` : '';
  return `${where}${issue?.message ?? 'is not valid'}`;
};

const NOT_UTF8 =
  'The file is not UTF-8 text. In Excel choose "Save As" → "CSV UTF-8 (Comma delimited)"; in Numbers or Google Sheets export as CSV (they write UTF-8)';

async function* decodeUtf8(source: AsyncIterable<Uint8Array | string>, maxBytes: number) {
  // fatal: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD; the BOM is stripped.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  for await (const chunk of source) {
    const data = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    bytes += data.byteLength;
    if (bytes > maxBytes) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The roster is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; split it into several files`,
        { limitBytes: maxBytes },
      );
    }
    try {
      yield decoder.decode(data, { stream: true });
    } catch {
      throw AppError.validation([{ path: 'file', message: NOT_UTF8 }], NOT_UTF8);
    }
  }
  try {
    yield decoder.decode();
  } catch {
    throw AppError.validation([{ path: 'file', message: NOT_UTF8 }], NOT_UTF8);
  }
}

function csvProblem(error: CsvError): AppError {
  const line = (error as CsvError & { lines?: number }).lines;
  const message = `The file is not valid CSV${line ? ` at line ${line}` : ''}: ${error.message.replace(/^Invalid .*?: /, '')}`;
  return AppError.validation([{ path: line ? `rows[${line}]` : 'file', message }], message);
}

/** Streams `source` (the uploaded bytes) through the checks; throws for a problem with the whole file. */
export async function readRoster(
  source: AsyncIterable<Uint8Array | string>,
  options: { maxBytes?: number; maxRows?: number } = {},
): Promise<RosterReading> {
  const maxBytes = options.maxBytes ?? MAX_ROSTER_BYTES;
  const maxRows = options.maxRows ?? MAX_ROSTER_ROWS;
  const parser = parse({ relax_column_count: true, relax_quotes: true, max_record_size: 64 * 1024 });
  // Aborted when reading stops early, so that a feeder waiting for the parser to drain lets go.
  const stopped = new AbortController();
  const feeding = (async () => {
    for await (const text of decodeUtf8(source, maxBytes)) {
      if (!parser.write(text)) await once(parser, 'drain', { signal: stopped.signal });
    }
    parser.end();
  })().catch((error: unknown) => {
    parser.destroy(error instanceof Error ? error : new Error(String(error)));
  });

  const reading: RosterReading = { people: [], issues: [], issueCount: 0, rowCount: 0, unknownColumns: [] };
  const report = (issue: RosterIssue) => {
    reading.issueCount += 1;
    if (reading.issues.length < MAX_REPORTED_ISSUES) reading.issues.push(issue);
  };
  const duplicates = new RosterDuplicates();
  let header: ReturnType<typeof checkRosterHeader> | undefined;
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row += 1;
      if (cells.every((cell) => cell.trim() === '')) continue;
      if (!header) {
        header = checkRosterHeader(cells);
        reading.unknownColumns = header.unknownColumns;
        header.issues.forEach(report);
        continue;
      }
      reading.rowCount += 1;
      if (reading.rowCount > maxRows) {
        throw AppError.validation(
          [{ path: 'file', message: `has more than ${maxRows} people; split it into several files` }],
          `The roster has more than ${maxRows} people; split it into several files`,
        );
      }
      // With required columns missing no row can be read; the header problem says why.
      if (header.issues.some((issue) => issue.message.includes('missing'))) continue;
      const result = validateRosterRow(header, cells, row, validateBuiltInAnswer);
      if ('issues' in result) {
        result.issues.forEach(report);
        continue;
      }
      const duplicate = duplicates.check(result.person);
      if (duplicate) report(duplicate);
      else reading.people.push(result.person);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof Error && String((error as { code?: unknown }).code).startsWith('CSV_')) {
      throw csvProblem(error as CsvError);
    }
    throw error;
  } finally {
    stopped.abort();
    await feeding;
  }
  if (!header) {
    throw AppError.validation(
      [{ path: 'file', message: 'is empty: the first row must name the columns (email, name, role …)' }],
      'The roster is empty: the first row must name the columns (email, name, role …)',
    );
  }
  return reading;
}
