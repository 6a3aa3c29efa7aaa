import pg from 'pg';

/** The login role the API runs as when Rewind sets PostgreSQL up itself (embedded server, tests). */
export const API_ROLE = 'rewind_api';

/** Connection strings of the two roles: the API's, and the migration role that owns the schema. */
export interface DatabaseRoles {
  apiUrl: string;
  migrationUrl: string;
}

const DUPLICATE_OBJECT = '42710';
const UNIQUE_VIOLATION = '23505';
const CONCURRENT_UPDATE = 'XX000'; // "tuple concurrently updated": two sessions altered the role at once

/**
 * Creates the login role `role` on the server behind `adminUrl` (a role that may create roles)
 * unless it exists, and sets its password. Several processes may do this at once (test files,
 * replicas): a lost race is retried.
 */
export async function ensureLoginRole(adminUrl: string, role: string, password: string): Promise<void> {
  await withClient(adminUrl, (client) =>
    retryLostRace(async () => {
      const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
      const verb = rowCount ? 'alter' : 'create';
      await client.query(`${verb} role ${quoteIdent(role)} with login nosuperuser nocreatedb nocreaterole password ${quoteLiteral(password)}`);
    }),
  );
}

/**
 * Run as the migration role after migrations: gives `apiRole` what the API needs and nothing that
 * rewrites history (the rules live in SQL, in `rewind_grant_api_role`). Nothing to do when the
 * API runs as the migration role itself.
 */
export async function grantApiRole(migrationUrl: string, apiRole: string): Promise<void> {
  await withClient(migrationUrl, async (client) => {
    const [{ owner }] = (await client.query<{ owner: string }>('select current_user as owner')).rows;
    if (owner !== apiRole) await retryLostRace(() => client.query('select rewind_grant_api_role($1::regrole)', [quoteIdent(apiRole)]));
  });
}

/** The role a connection string logs in as (the URL may leave the user to PGUSER or the OS). */
export async function roleOf(url: string): Promise<string> {
  return withClient(url, async (client) => (await client.query<{ role: string }>('select current_user as role')).rows[0].role);
}

/** `url` with another user and password. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function retryLostRace<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (attempt >= 5 || ![DUPLICATE_OBJECT, UNIQUE_VIOLATION, CONCURRENT_UPDATE].includes(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
