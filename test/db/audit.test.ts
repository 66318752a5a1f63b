import { DataSource } from 'typeorm';
import { AuditAnchorRepository } from '../../src/audit/audit-anchor.repository';
import { AuditAnchorService } from '../../src/audit/audit-anchor.service';
import { AuditService } from '../../src/audit/audit.service';
import { loadConfig } from '../../src/config/app-config';
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
    // In Indonesian, the command line's default; the reasons are the report's stable codes.
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('entri audit diperiksa: 4');
    expect(res.stdout).toContain(`RUSAK pada seq ${seqs[1].seq}: hash_mismatch`);
    expect(res.stdout).toContain(`RUSAK pada seq ${seqs[4].seq}: broken_link`);
  });
});

describe('audit chains per agency', () => {
  const agencyA = '00000000-0000-4000-8000-00000000000a';
  const agencyB = '00000000-0000-4000-8000-00000000000b';
  const secret = 'anchor-secret-for-the-test-of-at-least-32-chars';
  let db: TestDatabase;
  let ds: DataSource;
  let audit: AuditService;
  let anchors: AuditAnchorService;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Two connections where the server allows it, so one open transaction cannot block the other.
    ds = await new DataSource(dataSourceOptions(db.url, db.kind === 'embedded' ? 1 : 3)).initialize();
    audit = new AuditService(ds);
    const config = loadConfig({ AUDIT_ANCHOR_SECRET: secret, AUDIT_ANCHOR_MINUTES: '5' });
    anchors = new AuditAnchorService(new AuditAnchorRepository(ds), config);
    for (let i = 0; i < 3; i++) {
      await audit.record({ action: `a.event${i}`, agencyId: agencyA });
      await audit.record({ action: `b.event${i}`, agencyId: agencyB });
      await audit.record({ action: `n.event${i}` });
    }
  });
  afterAll(async () => {
    if (ds.isInitialized) await ds.destroy();
    await db.destroy();
  });

  it('keeps one chain per agency plus a national one, each numbered from 1', async () => {
    const rows: Array<{ chain: string; n: number; top: string }> = await ds.query(
      'SELECT chain, count(*)::int AS n, max(chain_seq)::text AS top FROM audit_log GROUP BY chain ORDER BY chain',
    );
    expect(rows).toEqual([
      { chain: agencyA, n: 3, top: '3' },
      { chain: agencyB, n: 3, top: '3' },
      { chain: 'national', n: 3, top: '3' },
    ]);
    expect(await verifyAuditChain(ds, secret)).toMatchObject({ ok: true, checked: 9, chains: 3 });
  });

  it('writes a signed anchor over all heads once, and none when nothing changed', async () => {
    const first = await anchors.anchor({ force: true });
    expect(first?.heads.map((h) => [h.chain, h.chainSeq])).toEqual([
      [agencyA, '3'],
      [agencyB, '3'],
      ['national', '3'],
    ]);
    expect(await anchors.anchor({ force: true })).toBeNull();
    // Not forced: the last anchor is younger than the interval.
    await audit.record({ action: 'a.after', agencyId: agencyA });
    expect(await anchors.anchor()).toBeNull();
    expect(await verifyAuditChain(ds, secret)).toMatchObject({ ok: true, anchors: 1 });
  });

  it('names an anchored chain tail that was removed, and a forged anchor signature', async () => {
    const anchor = await anchors.anchor({ force: true });
    const head = anchor!.heads.find((h) => h.chain === agencyB)!;
    await ds.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    await ds.query('DELETE FROM audit_log WHERE seq = $1', [head.seq]);
    await ds.query('ALTER TABLE audit_log ENABLE TRIGGER USER');

    const report = await verifyAuditChain(ds, secret);
    expect(report.ok).toBe(false);
    // The chain itself still links up: only the anchor knows its last entry existed.
    expect(report.breaks.map((b) => [b.seq, b.chain, b.reason])).toEqual([
      [head.seq, agencyB, 'anchored_entry_missing'],
    ]);
    const wrongKey = await verifyAuditChain(ds, 'another-secret-of-at-least-32-characters');
    expect(wrongKey.breaks.filter((b) => b.reason === 'anchor_signature')).toHaveLength(2);
  });

  it('lets a write of one agency through while a transaction of another agency holds its chain', async () => {
    if (db.kind === 'embedded') return; // one backend session: transactions cannot overlap at all
    const runner = ds.createQueryRunner();
    await runner.startTransaction();
    try {
      await audit.record({ action: 'a.slow' }, runner.manager);
      await audit.record({ action: 'a.slow', agencyId: agencyA }, runner.manager);
      const other = audit.record({ action: 'b.meanwhile', agencyId: agencyB });
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        other.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 3000))),
      ]);
      clearTimeout(timer);
      expect(waited).toBe(false);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
