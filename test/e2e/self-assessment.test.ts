import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { NationalRecompute } from '../../src/levels/national-recompute';
import { Period } from '../../src/periods/period.entity';
import { User } from '../../src/users/user.entity';
import {
  issueToken,
  makeAgency,
  makeApplication,
  makeEvidence,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { browserSession, http } from '../support/http';
import { collect, spawnEntry } from '../support/process';
import { TestApp, createTestApp } from '../support/test-app';

describe('self-assessment with live levels', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let period: Period;
  let coordinator: User;
  let auth: string;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    agency = await makeAgency(ds, { name: 'Kabupaten Uji' });
    coordinator = await makeUser(ds, 'coordinator', agency);
    auth = `Bearer ${await issueToken(ds, coordinator)}`;
    const dinkes = await makeUnit(ds, agency);
    const disdik = await makeUnit(ds, agency);
    await makeApplication(ds, dinkes, 'spl');
    await makeApplication(ds, disdik, 'spl');
    await makeEvidence(ds, agency, period, { kind: 'api_list', status: 'accepted', units: [dinkes] });
    await makeEvidence(ds, agency, period, { kind: 'api_list', status: 'submitted', units: [disdik] });
    await t.app.get(NationalRecompute).recompute([agency.id]);
  });
  afterAll(() => t.close());

  const levelsUrl = () => `/api/v1/agencies/${agency.id}/periods/2026/levels`;

  it('returns both bases per unit with the facts hash', async () => {
    const res = await http(t.app).get(levelsUrl()).set('Authorization', auth).expect(200);
    expect(res.body.factsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.supported.indicators['18']).toMatchObject({
      level: 3,
      coverage: 1,
      unitsInScope: 2,
      unitsUsingSpl: 2,
    });
    expect(res.body.verified.indicators['18']).toMatchObject({ level: 2, coverage: 0.5 });
    expect(res.body.supported.indicators['18'].units).toHaveLength(2);
  });

  it('publishes facts that the score command re-scores to the same levels', async () => {
    const facts = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/periods/2026/facts`)
      .set('Authorization', auth)
      .expect(200);
    const stored = await http(t.app).get(levelsUrl()).set('Authorization', auth).expect(200);
    const file = join(tmpdir(), `facts-${agency.id}.json`);
    writeFileSync(file, JSON.stringify(facts.body));
    for (const basis of ['supported', 'verified'] as const) {
      const run = await collect(spawnEntry('src/cli.ts', ['score', '--input', file, '--basis', basis], {}));
      expect(run.code).toBe(0);
      const out = JSON.parse(run.stdout);
      expect(out.indicators).toEqual(stored.body[basis].indicators);
    }
  });

  it('recomputes when the data changes, and warns when the claim is above the supported level', async () => {
    const claim = await http(t.app)
      .put(`/api/v1/agencies/${agency.id}/periods/2026/assessments/18`)
      .set('Authorization', auth)
      .send({ claimedLevel: 4, justification: 'Semua unit memakai SPL.' });
    expect(claim.status).toBe(204);
    let view = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/periods/2026/assessments`)
      .set('Authorization', auth)
      .expect(200);
    const i18 = view.body.indicators.find((i: { indicator: number }) => i.indicator === 18);
    expect(i18).toMatchObject({
      claimed: 4,
      supported: 3,
      verified: 2,
      validated: null,
      claimAboveSupported: true,
    });
    expect(i18.detail.next.missing.map((m: { code: string }) => m.code)).toContain(
      'I18_L4_NO_REVIEW_IN_WINDOW',
    );

    const unit = await makeUnit(ds, agency);
    await t.app.get(NationalRecompute).recompute([agency.id]);
    view = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/periods/2026/assessments`)
      .set('Authorization', auth)
      .expect(200);
    const after = view.body.indicators.find((i: { indicator: number }) => i.indicator === 18);
    expect(after.supported).toBe(2);
    expect(after.detail.next.missing[0].message).toContain(unit.id);
  });

  it('answers 409 to a claim saved from a stale version', async () => {
    const view = await http(t.app)
      .get(`/api/v1/agencies/${agency.id}/periods/2026/assessments`)
      .set('Authorization', auth);
    const version = view.body.indicators.find((i: { indicator: number }) => i.indicator === 18)
      .version as number;
    const url = `/api/v1/agencies/${agency.id}/periods/2026/assessments/18`;
    await http(t.app)
      .put(url)
      .set('Authorization', auth)
      .send({ claimedLevel: 2, justification: 'a', version })
      .expect(204);
    const stale = await http(t.app)
      .put(url)
      .set('Authorization', auth)
      .send({ claimedLevel: 3, justification: 'b', version })
      .expect(409);
    expect(stale.body.message).toMatch(/diubah orang lain/);
  });

  it('validates the claim and the indicator, naming the field', async () => {
    const url = `/api/v1/agencies/${agency.id}/periods/2026/assessments`;
    const high = await http(t.app)
      .put(`${url}/18`)
      .set('Authorization', auth)
      .send({ claimedLevel: 6, justification: '' })
      .expect(400);
    expect(JSON.stringify(high.body.message)).toContain('claimedLevel: paling besar 5.');
    const indicator = await http(t.app)
      .put(`${url}/5`)
      .set('Authorization', auth)
      .send({ claimedLevel: 1, justification: '' })
      .expect(400);
    expect(indicator.body.message).toMatch(/^indicator: pilih salah satu dari 7, 18/);
  });

  it('lists only the agencies a person may see', async () => {
    await makeAgency(ds, { name: 'Kota Lain' });
    const mine = await http(t.app).get('/api/v1/agencies?year=2026').set('Authorization', auth).expect(200);
    expect(mine.body.map((a: { name: string }) => a.name)).toEqual(['Kabupaten Uji']);
    expect(mine.body[0]).toMatchObject({ i18: 2, units: 3 });
    const admin = await makeUser(ds, 'admin', null);
    const all = await http(t.app)
      .get('/api/v1/agencies')
      .set('Authorization', `Bearer ${await issueToken(ds, admin)}`)
      .expect(200);
    expect(all.body.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps an operator from claiming and other agencies out', async () => {
    const operator = await makeUser(ds, 'operator', agency);
    await http(t.app)
      .put(`/api/v1/agencies/${agency.id}/periods/2026/assessments/7`)
      .set('Authorization', `Bearer ${await issueToken(ds, operator)}`)
      .send({ claimedLevel: 1, justification: 'x' })
      .expect(403);
    const stranger = await makeUser(ds, 'coordinator', await makeAgency(ds));
    await http(t.app)
      .get(levelsUrl())
      .set('Authorization', `Bearer ${await issueToken(ds, stranger)}`)
      .expect(404);
  });

  it('renders the dashboard and the indicator page with the warning', async () => {
    const session = await issueToken(ds, coordinator, 'session');
    const { cookie } = browserSession(t.config.sessionSecret, session);
    const dash = await http(t.app).get(`/agencies/${agency.id}`).set('Cookie', cookie).expect(200);
    expect(dash.text).toContain('Kabupaten Uji');
    expect(dash.text).toContain('Cakupan penggunaan SPL');
    const page = await http(t.app)
      .get(`/agencies/${agency.id}/periods/2026/indicators/18`)
      .set('Cookie', cookie)
      .expect(200);
    expect(page.text).toContain('Kriteria per level (edisi B)');
  });
});
