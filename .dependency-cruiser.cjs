/**
 * Dependency rules of src/ (checked by `npm run lint`, `npm run deps` and CI): the feature folders
 * form no import cycle (scripts/deps.js also folds subfolders into their folder, which the folder
 * scope below does not), the lower layers import no feature, access (the guard, the decorators, the
 * role matrix) imports none either, and the agency-data kernel (src/kernel) imports only the lower
 * layers and src/access. The composition roots (app.module.ts, cli/,
 * database/entities.ts, the migrations) wire every feature together and are left out. Imports of
 * types count too (tsPreCompilationDeps): they vanish when compiled, but a folder that names
 * another's types depends on it all the same. A feature that needs a shape from a higher one
 * declares the narrow interface it reads in its own folder (a port), or the shape moves down to
 * the folder that owns the concept.
 *
 * .dependency-cruiser-known-violations.json lists accepted violations (none since issue 18 broke
 * the last cycle); `npm run deps` (scripts/deps.js) fails on any other. The list only shrinks:
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
      name: 'access-imports-no-feature',
      comment: 'Every route sits behind src/access; it asks auth through the AUTHENTICATOR port.',
      severity: 'error',
      from: { path: '^src/access/' },
      to: { path: '^src/', pathNot: `^src/(${[...LOWER, 'database', 'access'].join('|')})/` },
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
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
