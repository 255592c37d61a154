import { AppError } from '../../errors.ts';
import type { ScoreMatrix, SolverObjective, SolverProblem } from '../solver-types.ts';

const MAX_SCORE = 1000;
const OBJECTIVES: SolverObjective[] = ['quality', 'coverage', 'fairness'];

/** A parsed problem file: the solver input plus the ids, which the solver does not need. */
export interface ProblemFile {
  problem: SolverProblem;
  menteeIds: unknown[];
  mentorIds: unknown[];
}

type NumberKind = 'score' | 'index';

/**
 * Reads the interchange format (docs/matching-format.md) from raw bytes. The big numeric arrays go
 * straight from bytes into typed arrays, so a 25-million-score file (~100 MB) costs its bytes plus
 * 50 MB of Uint16, where JSON.parse would build 25 million JS numbers in a 200 MB array first.
 * Small parts (mentees, mentors, unknown fields) are syntax-checked by the same scanner and then
 * handed to JSON.parse as a slice. Throws VALIDATION_FAILED naming the field and byte position.
 */
export function parseProblem(bytes: Uint8Array): ProblemFile {
  return new ProblemReader(bytes).read();
}

/** The top-level fields as read, before they are checked and assembled. */
interface RawFields {
  version?: unknown;
  objective?: unknown;
  mentees?: unknown;
  mentors?: unknown;
  minScore?: unknown;
  scores?: Partial<{ format: unknown; data: Uint16Array; indptr: Int32Array; indices: Int32Array }>;
  forbidden?: Int32Array;
  pinned?: Int32Array;
}

/** A typed array that doubles as it fills. */
class Growable<T extends Uint16Array | Int32Array> {
  array: T;
  length = 0;
  constructor(private readonly make: (size: number) => T) {
    this.array = make(1 << 12);
  }
  push(value: number): void {
    if (this.length === this.array.length) {
      const bigger = this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = value;
  }
  result(): T {
    return this.array.subarray(0, this.length) as T;
  }
}

class ProblemReader {
  private pos = 0;
  private readonly bytes: Uint8Array;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    // A UTF-8 byte order mark is not JSON but editors write it.
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.pos = 3;
  }

  read(): ProblemFile {
    const fields: RawFields = {};
    this.skipWhitespace();
    this.expect(0x7b, '', 'the file must be a JSON object starting with {');
    this.skipWhitespace();
    if (this.peek() === 0x7d) this.pos++;
    else {
      for (;;) {
        this.skipWhitespace();
        const key = this.readString('');
        this.skipWhitespace();
        this.expect(0x3a, key, "expected ':' after the key");
        this.skipWhitespace();
        switch (key) {
          case 'scores':
            fields.scores = this.readScores();
            break;
          case 'forbidden':
          case 'pinned':
            fields[key] = this.readPairs(key);
            break;
          case 'version':
          case 'objective':
          case 'mentees':
          case 'mentors':
          case 'minScore':
            fields[key] = this.readGeneric(key);
            break;
          default:
            // Extra fields are ignored, but still checked so a broken file is never half-read.
            this.skipValue(key);
        }
        this.skipWhitespace();
        const c = this.peek();
        if (c === 0x2c) {
          this.pos++;
          continue;
        }
        if (c === 0x7d) {
          this.pos++;
          break;
        }
        this.syntax('', "expected ',' or '}' after a field of the top-level object");
      }
    }
    this.skipWhitespace();
    if (this.pos < this.bytes.length) this.syntax('', 'unexpected data after the top-level object');
    return this.assemble(fields);
  }

  private assemble(fields: RawFields): ProblemFile {
    const invalid = (path: string, message: string): never => {
      throw AppError.validation([{ path, message }]);
    };
    if (fields.version !== undefined && fields.version !== 1) {
      invalid('version', `${JSON.stringify(fields.version)} is not supported (expected 1)`);
    }
    const objective = fields.objective ?? 'quality';
    if (typeof objective !== 'string' || !OBJECTIVES.includes(objective as SolverObjective)) {
      invalid('objective', `${JSON.stringify(objective)} is not one of ${OBJECTIVES.join(', ')}`);
    }
    const mentees = this.readPeople(fields.mentees, 'mentees', 1);
    const mentors = this.readPeople(fields.mentors, 'mentors', null);
    const minScore = fields.minScore ?? 0;
    if (typeof minScore !== 'number' || !Number.isInteger(minScore) || minScore < 0 || minScore > MAX_SCORE) {
      invalid('minScore', `${JSON.stringify(minScore)} must be an integer 0..${MAX_SCORE}`);
    }
    const scores = fields.scores ?? invalid('scores', 'is missing');
    let matrix: ScoreMatrix;
    if (scores.format === 'dense') {
      matrix = { format: 'dense', data: scores.data ?? invalid('scores.data', 'is missing') };
    } else if (scores.format === 'sparse') {
      matrix = {
        format: 'sparse',
        indptr: scores.indptr ?? invalid('scores.indptr', 'is missing'),
        indices: scores.indices ?? invalid('scores.indices', 'is missing'),
        data: scores.data ?? invalid('scores.data', 'is missing'),
      };
    } else if (scores.format === undefined) {
      return invalid('scores.format', 'is missing (expected "dense" or "sparse")');
    } else {
      return invalid('scores.format', `${JSON.stringify(scores.format)} is not "dense" or "sparse"`);
    }
    return {
      problem: {
        objective: objective as SolverObjective,
        menteeCount: mentees.capacity.length,
        mentorCount: mentors.capacity.length,
        menteeCapacity: mentees.capacity,
        mentorCapacity: mentors.capacity,
        scores: matrix,
        forbidden: fields.forbidden ?? new Int32Array(0),
        minScore: minScore as number,
        pinned: fields.pinned ?? new Int32Array(0),
      },
      menteeIds: mentees.ids,
      mentorIds: mentors.ids,
    };
  }

  private readPeople(
    value: unknown,
    path: string,
    defaultCapacity: number | null,
  ): { capacity: Int32Array; ids: unknown[] } {
    if (value === undefined) throw AppError.validation([{ path, message: 'is missing' }]);
    if (!Array.isArray(value)) throw AppError.validation([{ path, message: 'must be an array' }]);
    const capacity = new Int32Array(value.length);
    const ids: unknown[] = new Array(value.length);
    for (let k = 0; k < value.length; k++) {
      const entry: unknown = value[k];
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        throw AppError.validation([
          { path: `${path}[${k}]`, message: 'must be an object like {"id": ..., "capacity": 1}' },
        ]);
      }
      const record = entry as Record<string, unknown>;
      const c = record.capacity ?? defaultCapacity;
      if (c === null) throw AppError.validation([{ path: `${path}[${k}].capacity`, message: 'is missing' }]);
      if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > 1_000_000) {
        throw AppError.validation([
          { path: `${path}[${k}].capacity`, message: `${JSON.stringify(c)} must be a non-negative integer` },
        ]);
      }
      capacity[k] = c;
      ids[k] = record.id ?? k;
    }
    return { capacity, ids };
  }

  private readScores(): Partial<{
    format: unknown;
    data: Uint16Array;
    indptr: Int32Array;
    indices: Int32Array;
  }> {
    const result: Partial<{ format: unknown; data: Uint16Array; indptr: Int32Array; indices: Int32Array }> =
      {};
    this.expect(0x7b, 'scores', 'expected an object');
    this.skipWhitespace();
    if (this.peek() === 0x7d) {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      const key = this.readString('scores');
      const path = `scores.${key}`;
      this.skipWhitespace();
      this.expect(0x3a, path, "expected ':' after the key");
      this.skipWhitespace();
      if (key === 'data')
        result.data = this.readNumbers(path, 'score', new Growable((size) => new Uint16Array(size)));
      else if (key === 'indptr' || key === 'indices') {
        result[key] = this.readNumbers(path, 'index', new Growable((size) => new Int32Array(size)));
      } else if (key === 'format') result.format = this.readGeneric(path);
      else this.skipValue(path);
      this.skipWhitespace();
      const c = this.peek();
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x7d) {
        this.pos++;
        return result;
      }
      this.syntax('scores', "expected ',' or '}'");
    }
  }

  /** A flat array of integers, parsed digit by digit into a typed array (the hot loop of the reader). */
  private readNumbers<T extends Uint16Array | Int32Array>(
    path: string,
    kind: NumberKind,
    out: Growable<T>,
  ): T {
    const bytes = this.bytes;
    this.expect(0x5b, path, 'expected an array [');
    this.skipWhitespace();
    if (this.peek() === 0x5d) {
      this.pos++;
      return out.result();
    }
    let index = 0;
    for (;;) {
      let pos = this.pos;
      // Whitespace before the number.
      let c = bytes[pos];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = bytes[++pos];
      const start = pos;
      let value = 0;
      if (c >= 0x31 && c <= 0x39) {
        value = c - 0x30;
        c = bytes[++pos];
        while (c >= 0x30 && c <= 0x39) {
          value = value * 10 + (c - 0x30);
          c = bytes[++pos];
        }
      } else if (c === 0x30) {
        c = bytes[++pos];
      } else value = -1;
      if (value < 0 || c === 0x2e || c === 0x65 || c === 0x45 || (c >= 0x30 && c <= 0x39)) {
        // Rare: negative, fraction, exponent, or not a number at all. Parse the token exactly.
        this.pos = start;
        value = this.readNumberToken(`${path}[${index}]`);
        pos = this.pos;
      }
      this.pos = pos;
      this.checkNumber(path, index, value, kind, start);
      out.push(value);
      index++;
      c = bytes[pos];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = bytes[++pos];
      this.pos = pos;
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x5d) {
        this.pos++;
        return out.result();
      }
      this.syntax(
        `${path}[${index}]`,
        pos >= bytes.length ? 'the file ends inside the array' : "expected ',' or ']'",
      );
    }
  }

  private checkNumber(path: string, index: number, value: number, kind: NumberKind, at: number): void {
    if (kind === 'score') {
      if (value >= 0 && value <= MAX_SCORE && Number.isInteger(value)) return;
      const problem = Number.isInteger(value)
        ? `${value} is out of range 0..${MAX_SCORE}`
        : `${value} is not an integer`;
      throw AppError.validation([{ path: `${path}[${index}]`, message: `${problem} (byte ${at})` }]);
    }
    if (value >= 0 && value <= 0x7fffffff && Number.isInteger(value)) return;
    throw AppError.validation([
      { path: `${path}[${index}]`, message: `${value} is not a non-negative integer index (byte ${at})` },
    ]);
  }

  /** [[mentee, mentor], ...] as a flat Int32Array. */
  private readPairs(path: string): Int32Array {
    const out = new Growable((size) => new Int32Array(size));
    this.expect(0x5b, path, 'expected an array of [mentee, mentor] pairs');
    this.skipWhitespace();
    if (this.peek() === 0x5d) {
      this.pos++;
      return out.result();
    }
    let index = 0;
    for (;;) {
      this.skipWhitespace();
      const pairPath = `${path}[${index}]`;
      this.expect(0x5b, pairPath, 'expected a pair [mentee, mentor]');
      for (let side = 0; side < 2; side++) {
        this.skipWhitespace();
        const at = this.pos;
        const value = this.readNumberToken(`${pairPath}[${side}]`);
        if (!(Number.isInteger(value) && value >= 0 && value <= 0x7fffffff)) {
          throw AppError.validation([
            {
              path: `${pairPath}[${side}]`,
              message: `${value} is not a non-negative integer index (byte ${at})`,
            },
          ]);
        }
        out.push(value);
        this.skipWhitespace();
        if (side === 0) this.expect(0x2c, pairPath, 'a pair needs two indices [mentee, mentor]');
      }
      this.expect(0x5d, pairPath, 'a pair has exactly two indices [mentee, mentor]');
      index++;
      this.skipWhitespace();
      const c = this.peek();
      if (c === 0x2c) {
        this.pos++;
        continue;
      }
      if (c === 0x5d) {
        this.pos++;
        return out.result();
      }
      this.syntax(path, "expected ',' or ']'");
    }
  }

  /** Any JSON value, syntax-checked by the scanner and decoded with JSON.parse (small values only). */
  private readGeneric(path: string): unknown {
    const start = this.pos;
    this.skipValue(path);
    return JSON.parse(this.decoder.decode(this.bytes.subarray(start, this.pos)));
  }

  /** One JSON number token, strictly per the grammar (no leading zeros, no '+', digits after '.'). */
  private readNumberToken(path: string): number {
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    if (bytes[pos] === 0x2d) pos++;
    if (bytes[pos] === 0x30) pos++;
    else if (bytes[pos] >= 0x31 && bytes[pos] <= 0x39) {
      while (bytes[pos] >= 0x30 && bytes[pos] <= 0x39) pos++;
    } else {
      this.pos = pos;
      this.syntax(path, pos >= bytes.length ? 'the file ends where a number should be' : 'expected a number');
    }
    if (bytes[pos] === 0x2e) {
      pos++;
      if (!(bytes[pos] >= 0x30 && bytes[pos] <= 0x39)) {
        this.pos = pos;
        this.syntax(path, "expected a digit after '.'");
      }
      while (bytes[pos] >= 0x30 && bytes[pos] <= 0x39) pos++;
    }
    if (bytes[pos] === 0x65 || bytes[pos] === 0x45) {
      pos++;
      if (bytes[pos] === 0x2b || bytes[pos] === 0x2d) pos++;
      if (!(bytes[pos] >= 0x30 && bytes[pos] <= 0x39)) {
        this.pos = pos;
        this.syntax(path, 'expected a digit in the exponent');
      }
      while (bytes[pos] >= 0x30 && bytes[pos] <= 0x39) pos++;
    }
    if (bytes[pos] >= 0x30 && bytes[pos] <= 0x39) {
      this.pos = pos;
      this.syntax(path, 'a number may not have leading zeros');
    }
    this.pos = pos;
    let text = '';
    for (let k = start; k < pos; k++) text += String.fromCharCode(bytes[k]);
    return Number(text);
  }

  private readString(path: string): string {
    const bytes = this.bytes;
    if (bytes[this.pos] !== 0x22) this.syntax(path, 'expected a string in double quotes');
    const start = this.pos;
    this.skipString(path);
    const raw = bytes.subarray(start, this.pos);
    return JSON.parse(this.decoder.decode(raw)) as string;
  }

  private skipString(path: string): void {
    const bytes = this.bytes;
    let pos = this.pos + 1;
    for (;;) {
      if (pos >= bytes.length) {
        this.pos = pos;
        this.syntax(path, 'the file ends inside a string');
      }
      const c = bytes[pos];
      if (c === 0x22) break;
      if (c < 0x20) {
        this.pos = pos;
        this.syntax(path, 'control character inside a string');
      }
      if (c === 0x5c) {
        const e = bytes[pos + 1];
        if (e === 0x75) {
          for (let k = 2; k < 6; k++) {
            const h = bytes[pos + k];
            const isHex = (h >= 0x30 && h <= 0x39) || (h >= 0x41 && h <= 0x46) || (h >= 0x61 && h <= 0x66);
            if (!isHex) {
              this.pos = pos;
              this.syntax(path, 'invalid \\u escape in a string');
            }
          }
          pos += 6;
          continue;
        }
        if (
          e !== 0x22 &&
          e !== 0x5c &&
          e !== 0x2f &&
          e !== 0x62 &&
          e !== 0x66 &&
          e !== 0x6e &&
          e !== 0x72 &&
          e !== 0x74
        ) {
          this.pos = pos;
          this.syntax(path, 'invalid escape in a string');
        }
        pos += 2;
        continue;
      }
      pos++;
    }
    this.pos = pos + 1;
  }

  /** Skips any JSON value, checking its syntax; iterative so deep nesting cannot overflow the stack. */
  private skipValue(path: string): void {
    const bytes = this.bytes;
    const stack: number[] = [];
    for (;;) {
      this.skipWhitespace();
      const c = bytes[this.pos];
      if (c === 0x7b || c === 0x5b) {
        this.pos++;
        this.skipWhitespace();
        const close = c === 0x7b ? 0x7d : 0x5d;
        if (bytes[this.pos] === close) {
          this.pos++;
        } else {
          stack.push(close);
          if (close === 0x7d) this.objectKey(path);
          continue;
        }
      } else if (c === 0x22) this.skipString(path);
      else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.readNumberToken(path);
      else if (this.matchLiteral('true') || this.matchLiteral('false') || this.matchLiteral('null')) {
        // matched
      } else {
        this.syntax(
          path,
          this.pos >= bytes.length ? 'the file ends where a value should be' : 'expected a value',
        );
      }
      // After a value: close containers or move to the next element.
      for (;;) {
        if (stack.length === 0) return;
        this.skipWhitespace();
        const d = bytes[this.pos];
        const close = stack[stack.length - 1];
        if (d === 0x2c) {
          this.pos++;
          if (close === 0x7d) this.objectKey(path);
          break;
        }
        if (d === close) {
          this.pos++;
          stack.pop();
          continue;
        }
        this.syntax(
          path,
          this.pos >= bytes.length
            ? 'the file ends inside a value'
            : `expected ',' or '${String.fromCharCode(close)}'`,
        );
      }
    }
  }

  private objectKey(path: string): void {
    this.skipWhitespace();
    this.skipStringChecked(path);
    this.skipWhitespace();
    this.expect(0x3a, path, "expected ':' after a key");
  }

  private skipStringChecked(path: string): void {
    if (this.bytes[this.pos] !== 0x22) this.syntax(path, 'expected a key in double quotes');
    this.skipString(path);
  }

  private matchLiteral(word: string): boolean {
    for (let k = 0; k < word.length; k++) if (this.bytes[this.pos + k] !== word.charCodeAt(k)) return false;
    this.pos += word.length;
    return true;
  }

  private peek(): number {
    return this.bytes[this.pos];
  }

  private skipWhitespace(): void {
    const bytes = this.bytes;
    let pos = this.pos;
    let c = bytes[pos];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = bytes[++pos];
    this.pos = pos;
  }

  private expect(byte: number, path: string, message: string): void {
    if (this.bytes[this.pos] !== byte) {
      this.syntax(path, this.pos >= this.bytes.length ? `the file ends early: ${message}` : message);
    }
    this.pos++;
  }

  private syntax(path: string, message: string): never {
    const at = Math.min(this.pos, this.bytes.length);
    // Line and column only on failure: counting newlines on every read would cost a full pass.
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at; k++) {
      if (this.bytes[k] === 0x0a) {
        line++;
        lineStart = k + 1;
      }
    }
    const where = `byte ${at} (line ${line}, column ${at - lineStart + 1})`;
    throw AppError.validation(
      [{ path: path || '(file)', message: `invalid JSON at ${where}: ${message}` }],
      `${path ? `${path}: ` : ''}invalid JSON at ${where}: ${message}`,
    );
  }
}
