import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { ndjson, publisherApiList, unitsCsv } from '../../src/hub/hub-fixtures.testing';
import { makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { collect, spawnEntry } from '../support/process';
import { TestApp, createTestApp } from '../support/test-app';

describe('npm run cli -- hub', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let dir: string;
  let env: Record<string, string>;
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const cli = (...args: string[]) => collect(spawnEntry('src/cli.ts', ['hub', ...args], env));

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    agency = await makeAgency(ds, { code: 'cli-agency', domain: 'nusa.go.id' });
    await makeUnit(ds, agency, { code: 'DISKOMINFO' });
    await makeUser(ds, 'operator', agency, { username: 'cli-operator', displayName: 'Operator CLI' });
    dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
    // The assertions below read the English words; Indonesian (the default) is checked on its own.
    env = { DATABASE_URL: t.db.url, UPLOADS_DIR: t.config.uploadsDir, LOG_LEVEL: 'warn', SPBE_LANG: 'en' };
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  it('imports a file by agency code with exit 0 and a summary; the same file again changes nothing', async () => {
    const path = file('rules.csv', unitsCsv([['DISKOMINFO', 'Diskominfo', 'provider', 'kominfo']]));
    const first = await cli('import', path, '--agency', 'cli-agency', '--user', 'cli-operator');
    expect(first.stderr).not.toMatch(/Error/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported rules\.csv as F8 \(F8-units\).*1 records from 1 rows, 0 skipped/);
    const [row] = await ds.query(
      "SELECT channel, u.username FROM hub_import i JOIN app_user u ON u.id = i.imported_by WHERE i.file_name = 'rules.csv'",
    );
    expect(row).toEqual({ channel: 'cli', username: 'cli-operator' });
    const again = await cli('import', path, '--agency', agency.id);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already imported on .* by Operator CLI; nothing changed/);
  });

  it('exits 2 and prints the problems with their lines when rows are bad; --skip-bad imports the rest', async () => {
    const good = ndjson([{ apiId: 'api-cli', at: '2026-06-01T00:00:00Z', latency: 9 }]).trim();
    const path = file('events.ndjson', `${good}\n{"broken"\n`);
    const bad = await cli('import', path, '--agency', 'cli-agency');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/nothing was imported/);
    expect(bad.stdout).toMatch(/line 2: /);
    const skipped = await cli('import', path, '--agency', 'cli-agency', '--skip-bad');
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toMatch(/1 records from 2 rows, 1 skipped/);
    expect(skipped.stdout).toMatch(/skipped line 2: /);
  });

  it('honours --format and --hub-id, and refuses an unknown agency with exit 1', async () => {
    const path = file('list.txt', publisherApiList([{ id: 'api-1', name: 'Satu', provider: 'kominfo' }]));
    const res = await cli(
      'import',
      path,
      '--agency',
      'cli-agency',
      '--format',
      'F1',
      '--hub-id',
      'spl-kominfo',
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/as F1 \(F1-list\) into hub spl-kominfo/);
    const unknown = await cli('import', path, '--agency', 'no-such-agency');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no agency with id or code "no-such-agency"/);
  });

  it('speaks Indonesian without SPBE_LANG, and the language of --lang whatever SPBE_LANG says', async () => {
    const good = ndjson([{ apiId: 'api-bahasa', at: '2026-06-02T00:00:00Z', latency: 7 }]).trim();
    const path = file('rusak.ndjson', `${good}\n{"broken"\n`);
    const id = await collect(
      spawnEntry('src/cli.ts', ['hub', 'import', path, '--agency', 'cli-agency'], { ...env, SPBE_LANG: '' }),
    );
    expect(id.code).toBe(2);
    expect(id.stdout).toMatch(
      /^rusak\.ndjson: 1 baris bermasalah; tidak ada yang diimpor\.[^\n]*\n {2}baris 2: /,
    );
    const unknown = await collect(
      spawnEntry('src/cli.ts', ['hub', 'import', path, '--agency', 'tidak-ada', '--lang', 'id'], env),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^Galat: --agency: tidak ada instansi dengan id atau kode "tidak-ada"\.$/m,
    );
  });

  it('generates the api_list evidence of a unit', async () => {
    const res = await cli('evidence', '--agency', 'cli-agency', '--unit', 'DISKOMINFO');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Created evidence [0-9a-f-]{36} \(submitted\)/);
    expect(res.stdout).toMatch(/\.pdf \d+ bytes sha256 [0-9a-f]{64}/);
    expect(res.stdout).toMatch(/\.csv \d+ bytes sha256 [0-9a-f]{64}/);
  });
});
