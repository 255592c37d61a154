import { describe, expect, it } from 'vitest';
import { readRoster } from './read-roster.ts';

async function* chunks(...parts: Array<string | Uint8Array>) {
  for (const part of parts) yield part;
}

describe('readRoster (streamed)', () => {
  it('strips a UTF-8 BOM, reads across chunk boundaries, skips blank lines, counts rows as a spreadsheet does', async () => {
    const reading = await readRoster(
      chunks(
        '\uFEFFemail,name,role,practice_areas,shoe_size\nana@x.test,Ana,men',
        'tor,tax;employment,9\n\nbo@x.test,Bo,mentee,nope,\n',
      ),
    );
    expect(reading.people.map((p) => [p.row, p.email, p.role])).toEqual([[2, 'ana@x.test', 'mentor']]);
    expect(reading.issues).toEqual([
      { row: 4, column: 'practice_areas', message: '"nope" is not a practice area of the taxonomy' },
    ]);
    expect(reading.unknownColumns).toEqual(['shoe_size']);
    expect(reading.rowCount).toBe(2);
  });

  it('checks answers against the built-in answer schemas', async () => {
    const reading = await readRoster(
      chunks('email,name,role,time_zone,admission_date\na@x.test,A,mentee,Mars/Olympus,yesterday\n'),
    );
    expect(reading.issues.map((issue) => issue.column)).toEqual(['admission_date', 'time_zone']);
  });

  it('refuses a file that is not UTF-8, saying to save it as CSV UTF-8', async () => {
    await expect(
      readRoster(chunks(Buffer.from('email,name,role\nz@x.test,Zo\xe9,mentee\n', 'latin1'))),
    ).rejects.toThrow(/CSV UTF-8/);
  });

  it('refuses a file over the size limit as soon as it is', async () => {
    await expect(
      readRoster(chunks('email,name,role\n', 'x'.repeat(100)), { maxBytes: 50 }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    });
  });

  it('refuses malformed CSV, an empty file, and too many rows', async () => {
    await expect(readRoster(chunks('email,name,role\n"a@x.test,A,mentee\n'))).rejects.toThrow(
      /not valid CSV/,
    );
    await expect(readRoster(chunks(''))).rejects.toThrow(/empty/);
    await expect(
      readRoster(chunks('email,name,role\n', 'a@x.test,A,mentor\n'.repeat(10)), { maxRows: 5 }),
    ).rejects.toThrow(/more than 5/);
  });
});
