import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import { verifyAuditChain } from '../../src/audit/audit-verify';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { collect, spawnEntry } from '../support/process';
import { TestDatabase, createTestDatabase } from '../support/test-database';

describe('audit trail', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
    audit = new AuditService(ds);
    for (let i = 0; i < 5; i++)
      await audit.record({
        action: `test.event${i}`,
        actorName: 'tester',
        agencyId: null,
        detail: { zeta: i, alpha: { list: [3, 1], nested: { b: true, a: null } } },
      });
  });
  afterAll(async () => {
    if (ds.isInitialized) await ds.destroy();
    await db.destroy();
  });

  it('verifies an untouched chain, whatever order jsonb keeps the detail keys in', async () => {
    const report = await verifyAuditChain(ds);
    expect(report).toMatchObject({ ok: true, checked: 5, breaks: [] });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(ds.query("UPDATE audit_log SET action = 'forged'")).rejects.toThrow(/append-only: UPDATE/);
    await expect(ds.query('DELETE FROM audit_log')).rejects.toThrow(/append-only: DELETE/);
    await expect(ds.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE/);
    expect(await ds.query('SELECT count(*)::int AS n FROM audit_log')).toEqual([{ n: 5 }]);
  });

  it('names the edited entry and the entry after a removed one, also from the command line', async () => {
    const seqs: Array<{ seq: string }> = await ds.query('SELECT seq FROM audit_log ORDER BY seq');
    // Someone with the power to drop the trigger still cannot hide the change.
    await ds.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await ds.query(`UPDATE audit_log SET detail = '{"zeta": 99}' WHERE seq = $1`, [seqs[1].seq]);
    await ds.query('DELETE FROM audit_log WHERE seq = $1', [seqs[3].seq]);
    await ds.query('ALTER TABLE audit_log ENABLE TRIGGER USER');

    const report = await verifyAuditChain(ds);
    expect(report.ok).toBe(false);
    expect(report.breaks.map((b) => [b.seq, b.reason])).toEqual([
      [seqs[1].seq, 'hash_mismatch'],
      [seqs[4].seq, 'broken_link'],
    ]);

    await ds.destroy();
    const res = await collect(
      spawnEntry('src/cli.ts', ['audit', 'verify'], { DATABASE_URL: db.url, LOG_LEVEL: 'warn' }),
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('audit entries checked: 4');
    expect(res.stdout).toContain(`BROKEN at seq ${seqs[1].seq}: hash_mismatch`);
    expect(res.stdout).toContain(`BROKEN at seq ${seqs[4].seq}: broken_link`);
  });
});
