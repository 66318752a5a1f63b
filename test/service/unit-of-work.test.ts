import { DataSource } from 'typeorm';
import { Actor } from '../../src/access/actor';
import { Agency } from '../../src/agencies/agency.entity';
import { EvidenceService } from '../../src/evidence/evidence.service';
import { Period } from '../../src/periods/period.entity';
import { UnitsService } from '../../src/units/units.service';
import { makeActor, makeAgency, makeEvidence, makePeriod } from '../factories';
import { refusalOf } from '../support/refusals';
import { TestServices, createTestServices } from '../support/test-services';

/**
 * The unit of work (src/workflow-core/unit-of-work.ts): a write recomputes the stored levels of
 * exactly the periods it touched, and a refused write leaves nothing behind.
 */
describe('the unit of work', () => {
  let s: TestServices;
  let ds: DataSource;
  let agency: Agency;
  let coordinator: Actor;
  let y2025: Period;
  let y2026: Period;

  /** The stored engine output of each year, as dashboards read it. */
  const stored = async () => {
    const rows: { year: number; hash: string; at: Date; levels: string }[] = await ds.query(
      `SELECT p.year, s.facts_hash AS hash, s.computed_at AS at,
              (SELECT string_agg(r.basis::text || r.indicator::text || r.unit_key || ':' || r.level, ',' ORDER BY r.basis, r.indicator, r.unit_key)
                 FROM level_result r WHERE r.agency_id = s.agency_id AND r.period_id = s.period_id) AS levels
         FROM score_snapshot s JOIN period p ON p.id = s.period_id
        WHERE s.agency_id = $1 ORDER BY p.year`,
      [agency.id],
    );
    return new Map(rows.map((r) => [r.year, r]));
  };
  const changeCount = async () =>
    Number((await ds.query('SELECT count(*) AS n FROM change_log WHERE agency_id = $1', [agency.id]))[0].n);

  beforeAll(async () => {
    s = await createTestServices();
    ds = s.ds;
    y2025 = await makePeriod(ds, { year: 2025 });
    y2026 = await makePeriod(ds, { year: 2026 });
    agency = await makeAgency(ds);
    coordinator = (await makeActor(ds, 'coordinator', agency)).actor;
    // Agency data without a period: both open years get stored levels.
    await s
      .get(UnitsService)
      .create(coordinator, agency.id, { code: 'DISKOMINFO', name: 'Dinas Kominfo', kind: 'dinas' });
  });
  afterAll(() => s.close());

  it('recomputes only 2026 when a 2026 evidence item changes, leaving 2025 as stored', async () => {
    const before = await stored();
    expect([...before.keys()]).toEqual([2025, 2026]);
    // A 2025 item written behind the unit of work's back: a recompute of 2025 would now store
    // other facts, so an untouched 2025 row shows that 2025 was not recomputed.
    await makeEvidence(ds, agency, y2025, { allUnits: true, documentDate: '2025-03-01' });
    const item = await makeEvidence(ds, agency, y2026, { allUnits: true });

    await s.get(EvidenceService).update(
      coordinator,
      agency.id,
      item.id,
      {
        kind: 'api_list',
        title: 'Daftar API',
        documentDate: '2026-03-01',
        indicators: [18],
        allUnits: true,
        version: item.version,
      },
      'id',
    );

    const after = await stored();
    expect(after.get(2025)).toEqual(before.get(2025));
    expect(after.get(2026)!.hash).not.toBe(before.get(2026)!.hash);
  });

  it('recomputes every open period for a change of agency data without a period', async () => {
    const before = await stored();
    await s
      .get(UnitsService)
      .create(coordinator, agency.id, { code: 'DINKES', name: 'Dinas Kesehatan', kind: 'dinas' });
    const after = await stored();
    expect(after.get(2025)!.hash).not.toBe(before.get(2025)!.hash);
    expect(after.get(2026)!.hash).not.toBe(before.get(2026)!.hash);
  });

  it('answers 409 to an edit with a stale version and writes nothing', async () => {
    const item = await makeEvidence(ds, agency, y2026, { title: 'Daftar API 2026', status: 'draft' });
    const service = s.get(EvidenceService);
    const edit = (title: string, version: number) =>
      service.update(
        coordinator,
        agency.id,
        item.id,
        { kind: 'api_list', title, documentDate: '2026-03-01', indicators: [18], version },
        'id',
      );
    await edit('Daftar API 2026 (revisi)', item.version);
    const changes = await changeCount();
    const levels = await stored();

    expect(await refusalOf(edit('Daftar API lama', item.version))).toEqual({
      status: 409,
      code: 'msg.conflict.version',
    });
    expect((await service.get(agency.id, item.id)).evidence.title).toBe('Daftar API 2026 (revisi)');
    expect(await changeCount()).toBe(changes);
    expect(await stored()).toEqual(levels);
  });
});
