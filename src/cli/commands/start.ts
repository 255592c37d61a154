import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { demoLoginLines, describeDatabase, loadCliConfig, say } from '../support.ts';

interface StartOptions {
  /** commander's `--no-seed` sets this to false. */
  seed: boolean;
}

// If something keeps the event loop alive after a clean shutdown, leave anyway after this long.
const EXIT_GRACE_MS = 10_000;

function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      // Only the first signal is ours: a second Ctrl+C falls through to Node's default and exits at
      // once (the lock of a dead process is taken over by the next start).
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** Registers `secondchair start`. */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start the server: web app, API and background jobs (migrates, seeds a new database)')
    .option('--no-seed', 'do not seed the demo into an empty database (same as SEED_DEMO=false)')
    .addHelpText(
      'after',
      `
Configuration comes from the environment: PORT (3000), HOST (0.0.0.0), DATA_DIR (./data),
DATABASE_URL (PostgreSQL instead of the embedded database), SEED_DEMO (true), PUBLIC_URL, SMTP_URL ...
Only one process may use an embedded database directory; a second start exits with an error naming
the lock file and the process holding it.

Examples:
  $ secondchair start
  $ PORT=8080 DATA_DIR=/var/lib/secondchair secondchair start --no-seed
  $ DATABASE_URL=postgres://app@db.internal/secondchair secondchair start`,
    )
    .action(async (options: StartOptions) => {
      const config = loadCliConfig();
      // Loaded here, not at the top, so that `--help` and other commands start quickly.
      const { createRuntime } = await import('../../runtime.ts');
      const { buildServer } = await import('../../http/server.ts');
      const { findDemoOrganizations, isDatabaseEmpty, seedDemo } =
        await import('../../app/demo/seed-demo.ts');
      const runtime = await createRuntime({ config });
      let server: FastifyInstance | undefined;
      try {
        const lines: string[] = [];
        if (!options.seed || !config.seedDemo) {
          lines.push(`Demo seeding is off (${options.seed ? 'SEED_DEMO=false' : '--no-seed'}).`);
        } else if (await isDatabaseEmpty(runtime.database.db)) {
          const { password } = await runtime.auth.$context;
          const result = await seedDemo(runtime.context(null), { hashPassword: password.hash });
          lines.push(
            `Seeded the demo: ${result.organizations.map((organization) => organization.name).join(' and ')}.`,
          );
        }
        const hasDemo = (await findDemoOrganizations(runtime.database.db)).length > 0;
        if (options.seed && config.seedDemo && lines.length === 0 && !hasDemo) {
          lines.push(
            'The database already holds data, so the demo was not seeded (`secondchair seed --demo` adds it).',
          );
        }

        server = await buildServer(runtime);
        await server.listen({ host: config.host, port: config.port });
        const { port } = server.server.address() as AddressInfo;
        // PUBLIC_URL wins when set; otherwise the port actually bound (PORT=0 picks a free one).
        const isPublicUrlSet = config.publicUrl !== `http://localhost:${config.port}`;
        const url = isPublicUrlSet ? config.publicUrl : `http://localhost:${port}`;
        say(
          '',
          `Second Chair is running at ${url}`,
          `  Data:     ${describeDatabase(config)}`,
          `  API docs: ${url}/api/docs`,
          ...lines.map((line) => `  ${line}`),
          ...(hasDemo
            ? ['', ...demoLoginLines(), '  (unless they were changed since the demo was seeded)']
            : []),
          '',
          'Press Ctrl+C to stop.',
          '',
        );

        const signal = await waitForShutdownSignal();
        say(`Received ${signal}; shutting down…`);
      } finally {
        // The server first, so no request runs against a closed database; then the runtime, which
        // stops the workers, closes the database and releases the directory lock.
        await server?.close();
        await runtime.close();
      }
      setTimeout(() => {
        runtime.logger.warn('something kept the process alive after shutdown; exiting');
        process.exit(process.exitCode ?? 0);
      }, EXIT_GRACE_MS).unref();
      say('Stopped.');
    });
}
