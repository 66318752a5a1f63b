import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { FrameworkPackage } from '../../src/framework/framework-package.zod';
import { collect, ROOT, spawnEntry } from '../support/process';
import { TestDatabase, createTestDatabase } from '../support/test-database';

const PEMDI_CODES = Array.from({ length: 20 }, (_, i) => `I${i + 1}`);

describe('npm run cli -- index / framework', () => {
  let dir: string;
  const file = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const cli = (args: string[], env: Record<string, string> = {}) =>
    collect(spawnEntry('src/cli.ts', args, { LOG_LEVEL: 'warn', SPBE_LANG: undefined, ...env }));

  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'framework-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the Indeks Pemdi, its predicate and the aspect indices for a levels file', async () => {
    const levels = Object.fromEntries(PEMDI_CODES.map((code) => [code, 3]));
    Object.assign(levels, { I16: 4, I19: 4, I20: 5 });
    const result = await cli(['index', '--framework', 'pemdi-2026', '--levels', file('levels.json', levels)]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // 300 + 4 (I16) + 10 (I19) + 30 (I20) = 344 weighted points
    expect(JSON.parse(result.stdout)).toEqual({
      framework: 'pemdi-2026',
      version: '2026.1',
      index: 3.44,
      predicate: 'Baik',
      aspects: { A1: 3, A2: 3, A3: 3, A4: 3, A5: 3, A6: 3 + 4 / 15, A7: 4.6 },
    });
    const pinned = await cli([
      'index',
      '--framework',
      'pemdi-2026',
      '--version',
      '2026.1',
      '--lang',
      'en',
      '--levels',
      file('levels.json', levels),
    ]);
    expect(JSON.parse(pinned.stdout)).toMatchObject({ version: '2026.1', predicate: 'Developing' });
  });

  it('computes the SPBE 2020 index from levels 0..5 of its 47 indicators', async () => {
    const levels = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`I${i + 1}`, i < 31 ? 2 : 4]));
    const result = await cli(['index', '--framework', 'spbe-2020', '--levels', file('spbe.json', levels)]);
    expect(result.code).toBe(0);
    // Domain 4 (45.5 %) at 4, the rest at 2: (2 × 54.5 + 4 × 45.5) / 100
    expect(JSON.parse(result.stdout)).toMatchObject({
      framework: 'spbe-2020',
      version: '2020.1',
      index: 2.91,
      predicate: 'Baik',
    });
  });

  // The other refusals (missing, extra, out-of-range levels, bad JSON) run in process in
  // src/scoring/index-cli.spec.ts; each spawn here costs a whole app start.
  it('exits 2 for a levels file that does not exist, in Indonesian or in English', async () => {
    const args = ['index', '--framework', 'pemdi-2026', '--levels', join(dir, 'none.json')];
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^index: .*none\.json tidak dapat dibaca/);
    const english = await cli([...args, '--lang', 'en']);
    expect(english.code).toBe(2);
    expect(english.stderr).toMatch(/^index: cannot read .*none\.json/);
  });

  describe('with a database', () => {
    // Each command opens the app on the database; on a busy machine that takes a while.
    const SLOW = 300_000;
    let db: TestDatabase;
    beforeAll(async () => (db = await createTestDatabase()));
    afterAll(() => db.destroy());

    it(
      'exits 2 for an unknown framework or version',
      async () => {
        const levels = file('ok.json', Object.fromEntries(PEMDI_CODES.map((c) => [c, 3])));
        const unknown = await cli(['index', '--framework', 'pemdi-2099', '--levels', levels], {
          DATABASE_URL: db.url,
        });
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toMatch(/kerangka tidak dikenal: pemdi-2099/);
        // English from SPBE_LANG, as from --lang.
        const version = await cli(
          ['index', '--framework', 'pemdi-2026', '--version', '9.9', '--levels', levels],
          { DATABASE_URL: db.url, SPBE_LANG: 'en' },
        );
        expect(version.code).toBe(2);
        expect(version.stderr).toMatch(/unknown framework: pemdi-2026 version 9\.9/);
      },
      SLOW,
    );

    it(
      'validates, imports and lists a package; the index command then uses the imported version',
      async () => {
        const data = parse(
          readFileSync(join(ROOT, 'src/framework/pemdi-2026.yaml'), 'utf8'),
        ) as FrameworkPackage;
        data.version = '2026.5';
        data.predicates[3].min = '1.60'; // a corrected band: Cukup from 1.60
        const good = file('pemdi-2026.5.json', data);
        const ok = await cli(['framework', 'validate', good, '--lang', 'en']);
        expect(ok).toMatchObject({ code: 0, stderr: '' });
        expect(ok.stdout).toMatch(/^OK pemdi-2026 2026\.5 \(sha256 [0-9a-f]{12}\)\n$/);

        const invalid = file('invalid.json', { ...data, scale: { min: 1, max: 'five' }, aspects: [] });
        const bad = await cli(['framework', 'validate', invalid]);
        expect(bad.code).toBe(2);
        // Indonesian by default, English with --lang en or SPBE_LANG=en.
        expect(bad.stderr).toMatch(/invalid\.json: \$\.scale\.max: seharusnya bertipe number\n/);
        expect(bad.stderr).toMatch(/invalid\.json: \$\.aspects: /);
        const english = await cli(['framework', 'validate', invalid], { SPBE_LANG: 'en' });
        expect(english.stderr).toMatch(/invalid\.json: \$\.scale\.max: expected number\n/);

        const env = { DATABASE_URL: db.url };
        const imported = await cli(['framework', 'import', good, '--lang', 'en'], env);
        expect(imported.stderr).toBe('');
        expect(imported.stdout).toMatch(/^Imported: pemdi-2026 2026\.5/);
        const refused = await cli(['framework', 'import', invalid], env);
        expect(refused.code).toBe(2);

        const list = await cli(['framework', 'list', '--lang', 'en'], env);
        expect(list.code).toBe(0);
        expect(list.stdout).toMatch(/^pemdi-2026 2026\.1 {2}Digital Government Performance Evaluation/m);
        expect(list.stdout).toMatch(/^pemdi-2026 2026\.5 /m);
        expect(list.stdout).toMatch(/^spbe-2020 2020\.1 /m);
        expect(list.stdout).toMatch(
          /provisional: structure, predicates, index, I5, I6, I7, I16, I18, crosswalk/,
        );

        // Index 1.55: Cukup by the shipped bands, Kurang by the corrected ones.
        const levels = Object.fromEntries(PEMDI_CODES.map((c) => [c, 1]));
        Object.assign(levels, { I20: 3, I19: 3, I1: 2 });
        const path = file('levels-155.json', levels);
        const shipped = await cli(['index', '--framework', 'pemdi-2026', '--levels', path], env);
        expect(JSON.parse(shipped.stdout)).toMatchObject({ index: 1.55, predicate: 'Cukup' });
        const corrected = await cli(
          ['index', '--framework', 'pemdi-2026', '--version', '2026.5', '--levels', path],
          env,
        );
        expect(JSON.parse(corrected.stdout)).toMatchObject({
          version: '2026.5',
          index: 1.55,
          predicate: 'Kurang',
        });
      },
      SLOW,
    );
  });
});
