import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../src/database/migrations';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { makeAgency, makePeriod, makeUnit } from '../factories';
import { collect, spawnEntry } from '../support/process';
import { TestDatabase, createTestDatabase } from '../support/test-database';

describe('npm run cli', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.destroy());

  it('lists its commands with --help', async () => {
    const result = await collect(spawnEntry('src/cli.ts', ['--help'], {}));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/migrate\s+database migrations/);
  });

  it('shows, reverts and re-applies migrations on the configured database', async () => {
    // Indonesian by default, English with --lang en: each step is taken once in each language.
    const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn', SPBE_LANG: undefined };
    const migrate = async (...args: string[]) => collect(spawnEntry('src/cli.ts', ['migrate', ...args], env));
    const names = MIGRATIONS.map((m) => m.name);
    const last = names[names.length - 1];
    const shown = await migrate('show');
    expect(shown.code).toBe(0);
    expect(shown.stdout.trim().split('\n')).toEqual(names.map((n) => `[X] ${n}`));

    expect((await migrate('revert')).stdout).toContain('Migrasi terakhir dibatalkan.');
    const after = await migrate('show');
    expect(after.stdout).toContain(`[ ] ${last}`);
    expect(after.stdout).toContain(`[X] ${names[0]}`);
    expect((await migrate('run', '--lang', 'en')).stdout).toContain(`Applied: ${last}`);

    expect((await migrate('revert', '--lang', 'en')).stdout).toContain('Reverted the last migration.');
    expect((await migrate('run')).stdout).toContain(`Diterapkan: ${last}`);
  });

  it('refuses a migration name, and a bad environment variable, in the language asked for', async () => {
    const env = { PORT: 'abc', SPBE_LANG: undefined };
    const name = await collect(
      spawnEntry('src/cli.ts', ['migrate', 'generate', 'add-users'], { SPBE_LANG: undefined }),
    );
    expect(name.code).toBe(1);
    expect(name.stderr).toMatch(/^Galat: Nama migrasi harus berupa huruf dan angka/m);
    const config = await collect(spawnEntry('src/cli.ts', ['migrate', 'show'], env));
    expect(config.code).toBe(1);
    expect(config.stderr).toBe('Galat: Variabel lingkungan PORT tidak sah: harus berupa angka\n');
    const english = await collect(spawnEntry('src/cli.ts', ['migrate', 'show', '--lang', 'en'], env));
    expect(english.stderr).toBe('Error: Invalid environment variable PORT: must be a number\n');
    const fromEnv = await collect(spawnEntry('src/cli.ts', ['migrate', 'show'], { ...env, SPBE_LANG: 'en' }));
    expect(fromEnv.stderr).toBe('Error: Invalid environment variable PORT: must be a number\n');
  });

  it('evidence verify reports in Indonesian by default and in English with --lang en', async () => {
    const uploads = mkdtempSync(join(tmpdir(), 'cli-verify-'));
    const env = { DATABASE_URL: db.url, UPLOADS_DIR: uploads, LOG_LEVEL: 'warn', SPBE_LANG: undefined };
    try {
      const id = await collect(spawnEntry('src/cli.ts', ['evidence', 'verify', '--repair'], env));
      expect(id.code).toBe(0);
      expect(id.stdout).toBe(
        'diperiksa: 0, sesuai: 0\nhilang: 0\nberubah: 0\ntak tercatat: 0\nberkas tak tercatat yang dihapus: 0\n',
      );
      const en = await collect(spawnEntry('src/cli.ts', ['evidence', 'verify', '--lang', 'en'], env));
      expect(en.stdout).toBe('checked: 0, ok: 0\nmissing: 0\nchanged: 0\norphaned: 0\n');
    } finally {
      rmSync(uploads, { recursive: true, force: true });
    }
  });

  it('exits non-zero with a message for an unknown command', async () => {
    const result = await collect(spawnEntry('src/cli.ts', ['no-such-command'], {}));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command/i);
  });

  it('levels recompute stores again the levels that are not current, and leaves the rest', async () => {
    // English words asserted below (SPBE_LANG=en); the last refusal in Indonesian (--lang id).
    const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn', SPBE_LANG: 'en' };
    const ds = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
    try {
      const period = await makePeriod(ds, { year: 2031, asOf: '2031-10-31' });
      const agency = await makeAgency(ds, { code: 'cli-levels' });
      await makeUnit(ds, agency);
      await makeUnit(ds, await makeAgency(ds, { code: 'cli-levels-2' }));
      await makePeriod(ds, { year: 2030, asOf: '2030-10-31', stage: 'final' });
      const first = await collect(spawnEntry('src/cli.ts', ['levels', 'recompute'], env));
      expect(first.stderr).toBe('');
      expect(first.stdout).toMatch(/^2031: 2 agencies, 2 stored again, 0 already current/m);
      expect(first.stdout).not.toMatch(/^2030/m);
      const hashOf = async () =>
        (
          await ds.query('SELECT facts_hash FROM score_snapshot WHERE period_id = $1 AND agency_id = $2', [
            period.id,
            agency.id,
          ])
        )[0].facts_hash as string;
      const hash = await hashOf();
      // As after a change made outside the app: one agency's stored results no longer match.
      await ds.query(`UPDATE score_snapshot SET facts_hash = repeat('0', 64) WHERE agency_id = $1`, [
        agency.id,
      ]);
      const again = await collect(spawnEntry('src/cli.ts', ['levels', 'recompute', '--year', '2031'], env));
      expect(again.stderr).toBe('');
      expect(again.stdout).toMatch(/^2031: 2 agencies, 1 stored again, 1 already current/m);
      expect(await hashOf()).toBe(hash);
      const current = await collect(spawnEntry('src/cli.ts', ['levels', 'recompute'], env));
      expect(current.stdout).toMatch(/^2031: 2 agencies, 0 stored again, 2 already current/m);
      // --lang wins over SPBE_LANG.
      const final = await collect(
        spawnEntry('src/cli.ts', ['levels', 'recompute', '--year', '2030', '--lang', 'id'], env),
      );
      expect(final.code).not.toBe(0);
      expect(final.stderr).toMatch(/^Galat: --year: 2030 sudah final/m);
    } finally {
      await ds.destroy();
    }
  });
});
