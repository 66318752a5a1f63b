import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Application } from '../../src/applications/application.entity';
import { hubsCsv, ndjson } from '../../src/hub/hub-fixtures.testing';
import { issueToken, makeAgency, makeApplication, makePeriod, makeUnit, makeUser } from '../factories';
import { http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * The via-SPL rule (src/levels/hub-via-spl.repository.ts) decides both what the engine counts and which
 * proofs the applications page and API show: calls made in another year than the period's
 * count for neither.
 */
describe('hub proofs of use of the SPL follow the rule the engine scores by', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let lastYear: Application;
  let thisYear: Application;
  let auth: string;

  const push = (name: string, content: string, fields: Record<string, string> = {}) => {
    let req = http(t.app).post(`/api/v1/agencies/${agency.id}/hub-imports`).set('Authorization', auth);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return req.attach('file', Buffer.from(content), name).expect(201);
  };
  const link = async (appKey: string, application: Application) => {
    const [hubApp] = await ds.query('SELECT id FROM hub_application WHERE agency_id = $1 AND app_key = $2', [
      agency.id,
      appKey,
    ]);
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub/links`)
      .set('Authorization', auth)
      .send({ kind: 'application', id: hubApp.id, applicationId: application.id })
      .expect(204);
  };
  const scored = async () => {
    const res = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/periods/2026/facts`)
      .set('Authorization', auth)
      .expect(200);
    const apps = (res.body.units as Array<{ applications: Array<{ id: string; viaSpl: boolean }> }>).flatMap(
      (u) => u.applications,
    );
    return new Map(apps.map((a) => [a.id, a.viaSpl]));
  };
  const proofs = async (application: Application) => {
    const res = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/applications/${application.id}`)
      .set('Authorization', auth)
      .expect(200);
    return res.body.viaSplHub as Array<{ role: string; name: string }>;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    agency = await makeAgency(ds, { code: 'drift', domain: 'drift.go.id' });
    const unit = await makeUnit(ds, agency, { code: 'DINKES' });
    lastYear = await makeApplication(ds, unit, 'none', { name: 'Portal Lama' });
    thisYear = await makeApplication(ds, unit, 'none', { name: 'Portal Baru' });
    auth = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', agency), 'access')}`;
    await push(
      'hubs.csv',
      hubsCsv([
        ['spl-drift', 'SPL Drift', 'DAERAH', 'WSO2_APIM_4', 'https://spl.drift.go.id', 'drift.go.id'],
      ]),
    );
    await push(
      'events.ndjson',
      ndjson([
        {
          apiId: 'api-pajak',
          tenant: 'drift.go.id',
          at: '2025-11-03T08:00:00Z',
          app: { id: 'app-lama', name: 'PortalLama', owner: 'lama@drift.go.id' },
        },
        {
          apiId: 'api-pajak',
          tenant: 'drift.go.id',
          at: '2026-02-03T08:00:00Z',
          app: { id: 'app-baru', name: 'PortalBaru', owner: 'baru@drift.go.id' },
        },
      ]),
      { hubId: 'spl-drift' },
    );
    await link('app-lama', lastYear);
    await link('app-baru', thisYear);
  });
  afterAll(() => t.close());

  it('counts and shows calls in the period’s year', async () => {
    expect((await scored()).get(thisYear.id)).toBe(true);
    expect(await proofs(thisYear)).toEqual([
      expect.objectContaining({ role: 'consumes', name: 'PortalBaru' }),
    ]);
  });

  it('neither counts nor shows calls made only in an earlier year', async () => {
    expect((await scored()).get(lastYear.id)).toBe(false);
    expect(await proofs(lastYear)).toEqual([]);
  });
});
