import { MIGRATIONS } from '../../src/database/migrations';
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
    const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
    const names = MIGRATIONS.map((m) => m.name);
    const last = names[names.length - 1];
    const shown = await collect(spawnEntry('src/cli.ts', ['migrate', 'show'], env));
    expect(shown.code).toBe(0);
    expect(shown.stdout.trim().split('\n')).toEqual(names.map((n) => `[X] ${n}`));

    const reverted = await collect(spawnEntry('src/cli.ts', ['migrate', 'revert'], env));
    expect(reverted.stdout).toContain('Reverted the last migration.');
    const after = await collect(spawnEntry('src/cli.ts', ['migrate', 'show'], env));
    expect(after.stdout).toContain(`[ ] ${last}`);
    expect(after.stdout).toContain(`[X] ${names[0]}`);

    const ran = await collect(spawnEntry('src/cli.ts', ['migrate', 'run'], env));
    expect(ran.stdout).toContain(`Applied: ${last}`);
  });

  it('exits non-zero with a message for an unknown command', async () => {
    const result = await collect(spawnEntry('src/cli.ts', ['no-such-command'], {}));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command/i);
  });
});
