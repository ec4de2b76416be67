/**
 * Import rules, checked by `npm run deps` (part of `npm test`'s pretest, so CI fails on a
 * break). The packages form layers: shared at the bottom; fixtures, ingest, worker and
 * dashboard on it; the command line (cli/, bin/) and the tests on top. An import that
 * goes up a layer (a back edge) or closes a cycle fails the check.
 */
const pkg = (name) => `^${name}/`;
/** What a folder may not import from. */
const LAYERS = [
  ['shared', ['fixtures', 'ingest', 'worker', 'dashboard', 'cli', 'test', 'eval']],
  ['fixtures', ['ingest', 'worker', 'dashboard', 'cli', 'test', 'eval']],
  ['ingest', ['worker', 'dashboard', 'cli', 'test', 'eval']],
  ['worker', ['ingest', 'dashboard', 'cli', 'test', 'eval']],
  ['dashboard', ['ingest', 'cli', 'test', 'eval']],
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import cycle: modules that cannot be loaded one without the other. A cycle closed only by `import type` loads fine and is allowed (two in worker/ at the time of writing).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...LAYERS.map(([from, above]) => ({
      name: `no-back-edge-from-${from}`,
      severity: 'error',
      comment: `${from}/ imports only from the layers below it (shared is the bottom; cli and tests are the top).`,
      from: { path: pkg(from), pathNot: '\\.test\\.tsx?$' },
      to: { path: above.map(pkg) },
    })),
    {
      name: 'web-is-a-browser-bundle',
      severity: 'error',
      comment: 'The web app runs in the browser: no server code, no Node-only shared modules.',
      from: { path: '^dashboard/web/', pathNot: '\\.test\\.tsx?$' },
      to: { path: ['^dashboard/server/', '^shared/src/node/', '^worker/', '^ingest/'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '/dist/', '^data/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    preserveSymlinks: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
