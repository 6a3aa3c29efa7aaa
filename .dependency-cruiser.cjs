/**
 * Boundaries the layout promises, checked by `npm test` (docs/architecture.md, "Where things live").
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'libs-never-import-apps',
      comment: 'Libraries serve the apps; an app is the edge and nothing depends on it.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'engine-knows-no-kind',
      comment: 'The engine learns kinds only from the definitions it is given; its tests may use real ones.',
      severity: 'error',
      from: { path: '^libs/revisions/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/entities/' },
    },
    {
      name: 'only-the-database-lib-speaks-pg',
      comment: 'PostgreSQL access goes through libs/database (pool, transactions, error codes).',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '^libs/database/' },
      to: { path: '(^|/)node_modules/pg/' },
    },
    {
      name: 'only-the-database-lib-builds-queries',
      comment: 'Kysely is a query builder configured once (libs/database/src/query-builder.ts); other code imports qb, sql and run from there.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '^libs/database/' },
      to: { path: '(^|/)node_modules/kysely/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
