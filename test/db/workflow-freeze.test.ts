import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { FrozenResultsReader } from '../../src/workflow-core/frozen-results.reader';
import { FrozenResultsRepository } from '../../src/workflow-core/frozen-results.repository';
import { rowHash, snapshotHash } from '../../src/workflow-core/freeze-hash';
import { makeAgency, makePeriod } from '../factories';
import { TestDatabase, createTestDatabase } from '../support/test-database';

describe('frozen results in PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let agencyId: string;
  let periodId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 1)).initialize();
    agencyId = (await makeAgency(ds)).id;
    periodId = (await makePeriod(ds, { year: 2026, stage: 'final' })).id;
    const content = {
      agencyId,
      periodId,
      indicator: 18,
      facts: { asOf: '2026-10-31', units: [] },
      result: { finalLevel: 2 },
      engineVersion: '1.0.0',
      frameworkVersion: 'spbe-2020',
    };
    const hash = rowHash(content);
    await ds.query(
      `INSERT INTO frozen_result (agency_id, period_id, indicator, facts, result, engine_version, framework_version, hash, frozen_at)
       VALUES ($1, $2, 18, $3::jsonb, $4::jsonb, '1.0.0', 'spbe-2020', $5, now())`,
      [agencyId, periodId, JSON.stringify(content.facts), JSON.stringify(content.result), hash],
    );
    await ds.query(
      `INSERT INTO agency_freeze (agency_id, period_id, snapshot_hash, engine_version, framework_version, frozen_at, frozen_by)
       VALUES ($1, $2, $3, '1.0.0', 'spbe-2020', now(), $4)`,
      [agencyId, periodId, snapshotHash([{ indicator: 18, hash }]), randomUUID()],
    );
  });
  afterAll(async () => {
    await ds.destroy();
    await db.destroy();
  });

  it('refuses UPDATE, DELETE and TRUNCATE of frozen rows, whoever asks', async () => {
    await expect(
      ds.query('UPDATE frozen_result SET result = \'{"finalLevel": 5}\'::jsonb WHERE agency_id = $1', [
        agencyId,
      ]),
    ).rejects.toThrow('frozen_result is frozen: UPDATE is not allowed');
    await expect(ds.query('DELETE FROM frozen_result WHERE agency_id = $1', [agencyId])).rejects.toThrow(
      'frozen_result is frozen: DELETE is not allowed',
    );
    await expect(ds.query("UPDATE agency_freeze SET snapshot_hash = 'x'")).rejects.toThrow(
      'agency_freeze is frozen: UPDATE is not allowed',
    );
    await expect(ds.query('TRUNCATE agency_freeze')).rejects.toThrow(
      'agency_freeze is frozen: TRUNCATE is not allowed',
    );
    const rows: { n: number }[] = await ds.query('SELECT count(*)::int AS n FROM frozen_result');
    expect(rows[0].n).toBe(1);
  });

  it('reads the rows back intact, and notices a change made behind the triggers', async () => {
    const reader = new FrozenResultsReader(new FrozenResultsRepository(ds));
    expect((await reader.forAgency(agencyId, periodId))?.intact).toBe(true);
    // Only the database owner can switch the trigger off; the hashes still tell.
    await ds.query('ALTER TABLE frozen_result DISABLE TRIGGER frozen_result_no_change');
    await ds.query('UPDATE frozen_result SET result = \'{"finalLevel": 5}\'::jsonb WHERE agency_id = $1', [
      agencyId,
    ]);
    await ds.query('ALTER TABLE frozen_result ENABLE TRIGGER frozen_result_no_change');
    expect((await reader.forAgency(agencyId, periodId))?.intact).toBe(false);
  });
});
