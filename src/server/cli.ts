import { parseArgs } from 'node:util';

import { isAppError } from '../shared/errors';
import {
  createToken,
  listTokens,
  revokeToken,
  tokenNameSchema,
  tokenRoleSchema,
} from './auth/tokens';
import { defaultDataDir } from './data-dir';
import { openDatabase } from './db/database';
import type { Database, DatabaseLocation } from './db/database';
import { createLogger } from './logger';
import { seedDemo } from './seed-demo';
import { startServer } from './server';

const usage = `Usage: npm run server -- [COMMAND] [OPTIONS]

Commands:
  (none)                                  start the HTTP API
  token create --role station|admin --name NAME
                                          create a token and print it once
  token list                              list token names and roles
  token revoke NAME                       delete a token
  seed-demo                               load the demo catalog and open orders

Options:
  --port N      TCP port to listen on; 0 picks a free port (default 8787)
  --host HOST   address to listen on (default 127.0.0.1)
  --data DIR    folder of the embedded PGlite database (default ${defaultDataDir()})

Set DATABASE_URL to use PostgreSQL instead of the embedded database.
`;

const logger = createLogger().child({ component: 'cli' });

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    process.stdout.write(usage);
    return 0;
  }

  const location = databaseLocation(values.data);
  const [command, subcommand, argument] = positionals;
  switch (command) {
    case undefined:
    case 'serve':
      return serve(location, values.host ?? '127.0.0.1', parsePort(values.port));
    case 'token':
      checkTokenArguments(subcommand, argument, values);
      return withDatabase(location, (database) =>
        runTokenCommand(database, subcommand, argument, values),
      );
    case 'seed-demo':
      return withDatabase(location, async (database) => {
        const added = await seedDemo(database.db);
        process.stdout.write(
          `demo data loaded: ${added.products} products and ${added.orders} orders added (SKUs and orders start with DEMO-)\n`,
        );
        return 0;
      });
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

async function serve(location: DatabaseLocation, host: string, port: number): Promise<number> {
  const database = await openDatabase(location);
  const server = await startServer(database, { host, port, logger: createLogger() });
  logger.info({ url: server.url, driver: database.driver }, 'server started');
  process.stdout.write(`listening on ${server.url}\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stopping server');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

  await server.close();
  await database.close();
  logger.info('server stopped');
  return 0;
}

async function runTokenCommand(
  database: Database,
  subcommand: string | undefined,
  argument: string | undefined,
  values: { role?: string; name?: string },
): Promise<number> {
  switch (subcommand) {
    case 'create': {
      const role = tokenRoleSchema.parse(values.role);
      const name = tokenNameSchema.parse(values.name);
      const { token } = await createToken(database.db, name, role);
      process.stdout.write(`${token}\n`);
      process.stderr.write(
        `Token "${name}" (${role}) created. It is shown only this once; store it now.\n`,
      );
      return 0;
    }
    case 'list': {
      for (const token of await listTokens(database.db)) {
        process.stdout.write(`${token.name}\t${token.role}\t${token.createdAt.toISOString()}\n`);
      }
      return 0;
    }
    case 'revoke': {
      const name = tokenNameSchema.parse(argument ?? values.name);
      await revokeToken(database.db, name);
      process.stdout.write(`token "${name}" revoked\n`);
      return 0;
    }
    default:
      throw new UsageError(
        `Unknown token command "${subcommand ?? ''}"; use create, list or revoke.`,
      );
  }
}

/**
 * Checks the token command's arguments before the database is opened, so a bad value gets
 * a one-line usage error that names it and the rule.
 */
function checkTokenArguments(
  subcommand: string | undefined,
  argument: string | undefined,
  values: { role?: string; name?: string },
): void {
  if (subcommand === 'create') {
    if (values.role === undefined || values.name === undefined) {
      throw new UsageError('token create needs --role station|admin and --name NAME.');
    }
    if (!tokenRoleSchema.safeParse(values.role).success) {
      throw new UsageError(`--role must be station or admin, not "${values.role}".`);
    }
    checkTokenName('--name', values.name);
  } else if (subcommand === 'revoke') {
    const name = argument ?? values.name;
    if (name === undefined) throw new UsageError('token revoke needs the token name.');
    checkTokenName('the token name', name);
  }
}

function checkTokenName(label: string, name: string): void {
  if (tokenNameSchema.safeParse(name).success) return;
  throw new UsageError(
    `${label} "${name}" is not a valid token name: use 1 to 64 letters, digits, dots, dashes or underscores.`,
  );
}

async function withDatabase(
  location: DatabaseLocation,
  work: (database: Database) => Promise<number>,
): Promise<number> {
  const database = await openDatabase(location);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function databaseLocation(dataDir: string | undefined): DatabaseLocation {
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '') return { url };
  return { dataDir: dataDir ?? defaultDataDir() };
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 8787;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${text}".`);
  }
  return port;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error instanceof TypeError &&
        'code' in error &&
        String(error.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
      process.stderr.write(`${sentence} Run with --help for usage.\n`);
      process.exitCode = 2;
      return;
    }
    if (isAppError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    if (isFileSystemError(error)) {
      process.stderr.write(
        `${error.message}. Check that the --data folder (or DATABASE_URL) points to a folder this user can write.\n`,
      );
      process.exitCode = 1;
      return;
    }
    logger.error({ err: error }, 'command failed');
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

/** A Node.js file system error such as EEXIST or EACCES, which needs no stack trace. */
function isFileSystemError(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error) || !('syscall' in error)) return false;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
