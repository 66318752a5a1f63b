/**
 * Dependency rules of src/ (checked by `npm run lint`, `npm run deps` and CI): the feature folders
 * form no import cycle, the lower layers import no feature, and the agency-data kernel (src/kernel)
 * imports only the lower layers and src/access. The composition roots (app.module.ts, cli/,
 * database/entities.ts, the migrations) wire every feature together and are left out. Imports of
 * types only are not dependencies here (they vanish when compiled).
 *
 * .dependency-cruiser-known-violations.json lists the cycles that remain to be broken (issue 18);
 * `npm run deps` (scripts/deps.js) fails on any other. After breaking one, write the list again:
 *   node scripts/deps.js --write-known
 */
const LOWER = ['common', 'config', 'storage', 'scoring', 'framework', 'web', 'i18n', 'documents'];
const ROOTS = [
  'src/app\\.module\\.ts$',
  'src/app\\.setup\\.ts$',
  'src/main\\.ts$',
  'src/cli\\.ts$',
  'src/cli/',
  'src/database/entities\\.ts$',
  'src/database/migrations/',
];

module.exports = {
  forbidden: [
    {
      name: 'no-feature-cycles',
      comment: 'Feature folders of src/ import each other in one direction only.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/[^/]+$' },
      to: { path: '^src/[^/]+$', circular: true },
    },
    {
      name: 'lower-layers-import-no-feature',
      comment: `${LOWER.join(', ')} serve the features and know none of them.`,
      severity: 'error',
      from: { path: `^src/(${LOWER.join('|')})/` },
      to: { path: '^src/', pathNot: `^src/(${[...LOWER, 'database'].join('|')})/` },
    },
    {
      name: 'kernel-imports-no-feature',
      comment: 'src/kernel holds what every agency-data feature shares; it knows none of them.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^src/', pathNot: `^src/(${[...LOWER, 'database', 'kernel', 'access'].join('|')})/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: [...ROOTS, '\\.spec\\.ts$', '\\.testing\\.ts$'] },
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
