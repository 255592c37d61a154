/** pg-boss's SQL on the application's connections, including a multi-statement string that fails. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase } from '../../tests/support/database.ts';
import { databaseSqlRunner, executorSqlRunner } from './sql-adapter.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.raw.query('create table adapter_test (id int primary key, tags text[], data jsonb)');
});
afterAll(async () => database.close());

describe('the SQL runners', () => {
  it('runs a parameterless string of several statements and answers with the last result', async () => {
    const runner = databaseSqlRunner(database);
    const result = await runner.executeSql(
      'BEGIN; INSERT INTO adapter_test (id) VALUES (1); SELECT count(*)::int AS n FROM adapter_test; COMMIT;',
    );
    // COMMIT has no rows; pg-boss reads rows only from single statements, but must not crash here.
    expect(Array.isArray(result.rows)).toBe(true);
    const { rows } = await runner.executeSql('SELECT count(*)::int AS n FROM adapter_test');
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('rolls back a failing multi-statement string and leaves the connection usable', async () => {
    const runner = databaseSqlRunner(database);
    await expect(
      runner.executeSql('BEGIN; INSERT INTO adapter_test (id) VALUES (2); SELECT 1/0; COMMIT;'),
    ).rejects.toThrow(/division by zero/);
    // Not stuck in an aborted transaction, and the insert before the error did not survive.
    for (let i = 0; i < 3; i += 1) {
      const { rows } = await runner.executeSql('SELECT id FROM adapter_test ORDER BY id', []);
      expect(rows).toEqual([{ id: 1 }]);
    }
    await database.db.execute(sql`insert into adapter_test (id) values (3)`);
    const { rows } = await database.raw.query<{ id: number }>('select id from adapter_test order by id');
    expect(rows.map((r) => r.id)).toEqual([1, 3]);
  });

  it('passes parameters through a drizzle transaction, arrays and objects as single values', async () => {
    await database.db.transaction(async (tx) => {
      const runner = executorSqlRunner(tx);
      await runner.executeSql(
        'INSERT INTO adapter_test (id, tags, data) VALUES ($1, $2::text[], $3::jsonb)',
        [10, ['mentor', 'mentee'], { program: 'Bar Leadership', year: 2026 }],
      );
      const { rows } = await runner.executeSql(
        'SELECT id, tags, data FROM adapter_test WHERE id = $1 AND $1 > $2',
        [10, 0],
      );
      expect(rows).toEqual([
        { id: 10, tags: ['mentor', 'mentee'], data: { program: 'Bar Leadership', year: 2026 } },
      ]);
    });
    await expect(executorSqlRunner(database.db).executeSql('SELECT $2', [1])).rejects.toThrow(
      /No value for placeholder \$2/,
    );
  });
});
