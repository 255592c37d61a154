import { readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { API, endpointPath } from '../../contracts/endpoints.ts';
import { RosterImportResponse, type RosterIssue } from '../../contracts/roster.ts';
import { AppError, isAppError } from '../../core/errors.ts';
import { callApi } from '../remote/api-client.ts';
import { resolveCredentials } from '../remote/credentials.ts';
import { formatTable, printJson } from '../remote/output.ts';
import { say } from '../support.ts';

/** The server refuses larger files; say so before uploading one. */
const MAX_ROSTER_BYTES = 10 * 1024 * 1024;

const ACTION_LABELS: Record<string, string> = {
  create_application: 'create application',
  update_application: 'update application',
  invite: 'invite (no account or membership)',
  update_invitation: 'update invitation',
  unchanged: 'unchanged',
};

function issuesTable(issues: readonly RosterIssue[]): string {
  return formatTable(
    ['ROW', 'COLUMN', 'PROBLEM'],
    issues.map((issue) => [String(issue.row), issue.column, issue.message]),
  );
}

/** Registers `secondchair roster import`: the API's roster import, from a file (ADR 018). */
export function registerRosterCommands(program: Command): void {
  const roster = program.command('roster').description('Bring people into a program from a CSV roster');
  roster
    .command('import')
    .description('Import a roster CSV into a cohort of a program (people matched by email; safe to repeat)')
    .argument('<programId>', 'the program')
    .argument('<file>', 'the CSV file (UTF-8): email, name, role, and optional answer columns (docs/cli.md)')
    .option('--cohort <cohortId>', "the cohort (default: the program's only open cohort)")
    .option('--status <status>', 'status of created applications: approved or submitted', 'approved')
    .option('--dry-run', 'validate and show what would happen, write nothing')
    .option('--json', 'print JSON')
    .action(
      async (
        programId: string,
        file: string,
        options: { cohort?: string; status: string; dryRun?: boolean; json?: boolean },
      ) => {
        if (options.status !== 'approved' && options.status !== 'submitted') {
          throw AppError.validation([{ path: '--status', message: 'must be approved or submitted' }]);
        }
        let data: Buffer;
        try {
          if (statSync(file).size > MAX_ROSTER_BYTES) {
            throw new AppError(
              'PAYLOAD_TOO_LARGE',
              `${file} is larger than 10 MB; split it into several files`,
            );
          }
          data = readFileSync(file);
        } catch (error) {
          if (isAppError(error)) throw error;
          const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
          throw new AppError('NOT_FOUND', `cannot read ${file} (${reason})`);
        }
        const credentials = resolveCredentials(loadConfig());
        let result: RosterImportResponse;
        try {
          result = await callApi(credentials, endpointPath(API.importRoster, { programId }), {
            method: 'POST',
            rawBody: { data, contentType: 'text/csv' },
            query: {
              dryRun: options.dryRun ? 'true' : undefined,
              cohortId: options.cohort,
              status: options.status,
            },
            schema: RosterImportResponse,
          });
        } catch (error) {
          const rows = isAppError(error) ? (error.details?.rows as RosterIssue[] | undefined) : undefined;
          if (!isAppError(error) || !Array.isArray(rows)) throw error;
          // Every row problem as a table; the error (and its exit code) follows.
          if (options.json) printJson({ issues: rows, issueCount: error.details?.issueCount });
          else process.stdout.write(`${issuesTable(rows)}\n`);
          throw new AppError(error.code, error.message);
        }
        if (options.json) printJson(result);
        else if (result.issues.length > 0) {
          process.stdout.write(`${issuesTable(result.issues)}\n`);
        } else {
          process.stdout.write(
            `${formatTable(
              ['ROW', 'EMAIL', 'NAME', 'ROLE', options.dryRun ? 'WOULD' : 'DONE'],
              result.rows.map((row) => [
                String(row.row),
                row.email,
                row.name,
                row.role,
                ACTION_LABELS[row.action] ?? row.action,
              ]),
            )}\n`,
          );
        }
        if (!options.json) {
          const counts = Object.entries(result.counts)
            .filter(([, count]) => count > 0)
            .map(([action, count]) => `${count} ${ACTION_LABELS[action] ?? action}`)
            .join(', ');
          if (result.unknownColumns.length > 0)
            say(`Ignored unknown columns: ${result.unknownColumns.join(', ')}.`);
          say(
            result.isDryRun
              ? `Dry run into ${result.cohort.name}: ${result.rowCount} rows, ${result.issueCount} problems${counts ? `; would ${counts}` : ''}. Nothing was written.`
              : `Imported ${result.rowCount} rows into ${result.cohort.name}: ${counts || 'nothing to do'}.`,
          );
        }
        if (result.issueCount > 0) {
          throw new AppError(
            'VALIDATION_FAILED',
            `The roster has ${result.issueCount} problem${result.issueCount === 1 ? '' : 's'}; fix them before importing`,
          );
        }
      },
    );
}
