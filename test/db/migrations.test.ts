import { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { AuditService, chainHash } from '../../src/audit/audit.service';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { MIGRATIONS } from '../../src/database/migrations';
import {
  migrationStatus,
  revertLastMigration,
  runPendingMigrations,
} from '../../src/database/migration-runner';
import { TestDatabase, createTestDatabase } from '../support/test-database';

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.destroy();
  });

  it('has applied every migration to a new test database', async () => {
    const status = await migrationStatus(ds);
    expect(status).toHaveLength(MIGRATIONS.length);
    expect(status.every((m) => m.applied)).toBe(true);
  });

  it('leaves the schema matching the entities (nothing left to generate)', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reverts every migration and applies them again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await revertLastMigration(ds);
    const reverted = await ds.query("SELECT to_regclass('public.audit_log') AS t");
    expect(reverted[0].t).toBeNull();
    const applied = await runPendingMigrations(ds);
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await runPendingMigrations(ds)).toHaveLength(0);
  });

  it('stores generated uuids and jsonb the way PostgreSQL does', async () => {
    const rows = await ds.query('SELECT gen_random_uuid() AS id, $1::jsonb AS doc', [
      JSON.stringify({ a: [1] }),
    ]);
    expect(rows[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0].doc).toEqual({ a: [1] });
  });

  it('keeps the audit chain verifiable when entries are appended', async () => {
    const repo = ds.getRepository(AuditEntry);
    const audit = new AuditService(ds);
    await audit.record({ action: 'test.one', detail: { n: 1 } });
    await audit.record({ action: 'test.two', actorName: 'tester' });
    const entries = await repo.find({ order: { seq: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['test.one', 'test.two']);
    expect(entries[1].prevHash).toBe(entries[0].hash);
    for (const e of entries) {
      expect(chainHash(e.prevHash, e, e.occurredAt, e)).toBe(e.hash);
    }
  });
});

const onServer = process.env.DATABASE_URL ? describe : describe.skip;

onServer('migrations on a shared server', () => {
  it('lets two instances start together: the advisory lock makes the second wait', async () => {
    const db = await createTestDatabase();
    const a = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    const b = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await revertLastMigration(a);
      const [ranA, ranB] = await Promise.all([runPendingMigrations(a), runPendingMigrations(b)]);
      expect(ranA.length + ranB.length).toBe(MIGRATIONS.length);
      expect((await migrationStatus(a)).every((m) => m.applied)).toBe(true);
    } finally {
      await a.destroy();
      await b.destroy();
      await db.destroy();
    }
  });
});
