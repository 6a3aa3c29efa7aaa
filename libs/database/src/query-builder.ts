import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type AliasedRawBuilder,
  type Compilable,
} from 'kysely';
import type { SqlExecutor } from './database.js';
import type { DB, EntityProjectionTable } from './schema.js';

/** Kysely's dummy driver answers every query with no rows; this one refuses, so a stray `.execute()` cannot pass for an empty result. */
class CompileOnlyDriver extends DummyDriver {
  override async acquireConnection(): Promise<never> {
    throw new Error('qb only compiles queries: run them with run(executor, query), which joins the ambient transaction');
  }
}

/**
 * Kysely as a typed query builder only: it compiles to PostgreSQL text and parameters, and never
 * connects (a dummy driver). The statements run through `Database.query` (or a transaction's or a
 * session's executor), so they join the ambient transaction of `Database.inTransaction`, which
 * MikroORM's own Kysely (`em.getKysely()`) would not.
 */
export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new CompileOnlyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** The rows a built query answers, typed by the query. */
export type RowOf<Q> = Q extends Compilable<infer O> ? O : never;

/**
 * Runs a built query on `executor` and answers its rows, typed by the query. `name` prepares the
 * statement once per connection (for queries that run often); its text must then never vary.
 */
export async function run<O>(executor: SqlExecutor, query: Compilable<O>, name?: string): Promise<O[]> {
  const { sql: text, parameters } = query.compile();
  return executor.query<O & object>(name ? { name, text, values: [...parameters] } : { text, values: [...parameters] });
}

/** The first row a built query answers, or undefined. */
export async function runFirst<O>(executor: SqlExecutor, query: Compilable<O>, name?: string): Promise<O | undefined> {
  const [row] = await run(executor, query, name);
  return row;
}

/** Stands for an argument while a statement is compiled once; each call puts its value in its place. */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * A statement of fixed shape built and compiled once, with its arguments as parameters; each call
 * only binds the values (building and compiling costs tens of microseconds, which matters on paths
 * that run per request). `build` takes positional arguments and may use them only as values: no
 * branching on them, no destructuring, no `JSON.stringify` inside.
 */
export function compileOnce<Args extends unknown[], O>(build: (...args: Args) => Compilable<O>): (...args: Args) => Compilable<O> {
  const slots = Array.from({ length: build.length }, (_, index) => new Slot(index));
  const compiled = build(...(slots as unknown as Args)).compile();
  const bound = new Set(compiled.parameters.filter((value): value is Slot => value instanceof Slot).map((slot) => slot.index));
  if (bound.size !== slots.length) throw new Error(`compileOnce: every argument must become a parameter (${bound.size} of ${slots.length} did)`);
  return (...args) => ({
    compile: () => ({ ...compiled, parameters: compiled.parameters.map((value) => (value instanceof Slot ? args[value.index] : value)) }),
  });
}

/**
 * A kind's projection table, named at run time by its definition, typed by the columns every
 * projection shares; a kind's own columns are reached with `sql.ref(alias.column)`.
 */
export function projectionTable<A extends string>(table: string, alias: A): AliasedRawBuilder<EntityProjectionTable, A> {
  return sql<EntityProjectionTable>`${sql.table(table)}`.as(alias);
}

export { sql };
export type { Compilable, Expression, RawBuilder, SqlBool } from 'kysely';
