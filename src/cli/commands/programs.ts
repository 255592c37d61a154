import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { OrganizationListResponse } from '../../contracts/organizations.ts';
import { ProgramListResponse, type Program } from '../../contracts/programs.ts';
import { AppError } from '../../core/errors.ts';
import { callApi } from '../remote/api-client.ts';
import { resolveCredentials } from '../remote/credentials.ts';
import { formatTable, printJson } from '../remote/output.ts';
import { say } from '../support.ts';

/** Most programs fetched per organization (the API's largest page, several pages). */
const PAGE_SIZE = 100;

/** Registers `secondchair programs list`: the programs you may see, from a running server. */
export function registerProgramsCommands(program: Command): void {
  const programs = program
    .command('programs')
    .description('Mentorship programs (a client of a running server)');
  programs
    .command('list')
    .description('List the programs you may see, with format, current cohort and counts')
    .option('--organization <id>', 'only this organization (default: every organization you belong to)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `
Needs \`secondchair login\` first (or SECONDCHAIR_URL and SECONDCHAIR_TOKEN).

Examples:
  $ secondchair programs list
  $ secondchair programs list --organization 6f1c… --json`,
    )
    .action(async (options: { organization?: string; json?: boolean }) => {
      const credentials = resolveCredentials(loadConfig());
      if (options.organization !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(options.organization)) {
        throw AppError.validation([{ path: '--organization', message: 'must be an organization id' }]);
      }
      const organizations = options.organization
        ? [{ id: options.organization, name: '' }]
        : (await callApi(credentials, '/api/v1/organizations', { schema: OrganizationListResponse }))
            .organizations;
      const found: Array<{ organizationId: string; organizationName: string; program: Program }> = [];
      for (const organization of organizations) {
        for (let page = 1; ; page += 1) {
          const answer = await callApi(
            credentials,
            `/api/v1/organizations/${encodeURIComponent(organization.id)}/programs`,
            { schema: ProgramListResponse, query: { page, pageSize: PAGE_SIZE } },
          );
          for (const item of answer.programs) {
            found.push({
              organizationId: organization.id,
              organizationName: organization.name,
              program: item,
            });
          }
          if (page * answer.pageSize >= answer.total) break;
        }
      }
      if (options.json) {
        printJson({ programs: found.map(({ program: item }) => item) });
        return;
      }
      if (found.length === 0) {
        say('No programs you can see.');
        return;
      }
      const rows = found.map(({ organizationName, program: item }) => [
        item.id,
        item.name,
        ...(options.organization ? [] : [organizationName]),
        item.format,
        item.currentCohort ? `${item.currentCohort.name} (${item.currentCohort.state})` : '-',
        String(item.counts.applications),
        String(item.counts.relationships),
      ]);
      const headers = [
        'ID',
        'NAME',
        ...(options.organization ? [] : ['ORGANIZATION']),
        'FORMAT',
        'CURRENT COHORT',
        'APPLICATIONS',
        'RELATIONSHIPS',
      ];
      say(formatTable(headers, rows));
    });
}
