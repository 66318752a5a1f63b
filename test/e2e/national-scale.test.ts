import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { NationalRecompute } from '../../src/levels/national-recompute';
import { Period } from '../../src/periods/period.entity';
import { Unit } from '../../src/units/unit.entity';
import {
  issueToken,
  makeAgency,
  makeApplication,
  makeEvidence,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/** The national-scale paths of levels and the agency table (issue 10): batching, reuse, caching, pages. */
describe('levels and the agency table at national scale', () => {
  let t: TestApp;
  let ds: DataSource;
  let levels: NationalRecompute;
  let period: Period;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    levels = t.app.get(NationalRecompute);
    period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    admin = `Bearer ${await issueToken(ds, await makeUser(ds, 'admin', null))}`;
  });
  afterAll(() => t.close());

  async function agencyWithUnits(units: number): Promise<{ agency: Agency; units: Unit[] }> {
    const agency = await makeAgency(ds);
    const list: Unit[] = [];
    for (let i = 0; i < units; i++) {
      const unit = await makeUnit(ds, agency);
      await makeApplication(ds, unit, 'spl');
      list.push(unit);
    }
    return { agency, units: list };
  }

  const stored = async (agency: Agency) =>
    (
      await http(t.app)
        .get(`/api/v1/agencies/${agency.id}/periods/2026/levels`)
        .set('Authorization', admin)
        .expect(200)
    ).body as {
      computedAt: string;
      factsHash: string;
      supported: { indicators: Record<string, { level: number }> };
    };

  it('recomputes many agencies in batches, rewriting only those whose facts changed', async () => {
    const agencies: Agency[] = [];
    for (let i = 0; i < 60; i++) agencies.push((await agencyWithUnits(1)).agency);
    await levels.recompute(agencies.map((a) => a.id));
    const before = await Promise.all(agencies.map(stored));
    const [changed] = agencies;
    const [unit] = await ds.getRepository(Unit).find({ where: { agencyId: changed.id } });
    await makeEvidence(ds, changed, period, { kind: 'api_list', status: 'accepted', units: [unit] });

    await levels.recompute(agencies.map((a) => a.id));

    const after = await Promise.all(agencies.map(stored));
    expect(after[0].factsHash).not.toBe(before[0].factsHash);
    expect(after[0].computedAt).not.toBe(before[0].computedAt);
    expect(after[0].supported.indicators['18'].level).toBeGreaterThan(
      before[0].supported.indicators['18'].level,
    );
    expect(after.slice(1).map((s) => s.computedAt)).toEqual(before.slice(1).map((s) => s.computedAt));
  });

  it('removes the level rows of a unit that is gone', async () => {
    const { agency, units } = await agencyWithUnits(2);
    await levels.recompute([agency.id]);
    const unitRows = () =>
      ds.query(`SELECT DISTINCT unit_key FROM level_result WHERE agency_id = $1 AND unit_key <> ''`, [
        agency.id,
      ]);
    expect(await unitRows()).toHaveLength(2);
    await ds.getRepository(Unit).delete(units[1].id);
    await levels.recompute([agency.id]);
    expect(await unitRows()).toEqual([{ unit_key: units[0].id }]);
  });

  it('shows in the agency table what changed since it was last read', async () => {
    const { agency } = await agencyWithUnits(1);
    await levels.recompute([agency.id]);
    const row = async () =>
      (
        (await http(t.app).get('/api/v1/agencies?year=2026').set('Authorization', admin).expect(200))
          .body as {
          id: string;
          units: number;
          name: string;
        }[]
      ).find((a) => a.id === agency.id);
    expect(await row()).toMatchObject({ units: 1 });
    await makeUnit(ds, agency);
    await levels.recompute([agency.id]);
    expect(await row()).toMatchObject({ units: 2 });
    await ds.getRepository(Agency).save({ ...agency, name: 'Pemerintah Kota Baru Dinamai' });
    expect(await row()).toMatchObject({ name: 'Pemerintah Kota Baru Dinamai' });
  });

  it('pages the national table a hundred agencies at a time', async () => {
    for (let i = 0; i < 40; i++) await makeAgency(ds);
    const total = await ds.getRepository(Agency).count();
    expect(total).toBeGreaterThan(100);
    const first = await http(t.app).get('/agencies').set('Authorization', admin).expect(200);
    expect(first.text.match(/<tr>\s*<td><a href="\/agencies\//g)).toHaveLength(100);
    expect(first.text).toContain('/agencies?sort&#x3D;name&amp;page&#x3D;2');
    const second = await http(t.app).get('/agencies?page=2').set('Authorization', admin).expect(200);
    expect(second.text.match(/<tr>\s*<td><a href="\/agencies\//g)).toHaveLength(total - 100);
  });
});
