import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Change } from '../../src/changes/change.entity';
import { Evidence } from '../../src/evidence/evidence.entity';
import { Integration } from '../../src/integrations/integration.entity';
import { FollowUp } from '../../src/periodic-reviews/follow-up.entity';
import { Review } from '../../src/periodic-reviews/review.entity';
import { NationalRecompute } from '../../src/levels/national-recompute';
import {
  issueToken,
  linkEvidence,
  makeAgency,
  makeApplication,
  makeEvidence,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/** The review window is a reading of "secara periodik": a period setting that drives the levels. */
describe('review window of a period', () => {
  let t: TestApp;
  let agency: Agency;
  let admin: string;
  let leader: string;

  const level18 = async () =>
    (
      await http(t.app)
        .get(`/api/v1/agencies/${agency.id}/periods/2026/levels`)
        .set('Authorization', `Bearer ${leader}`)
        .expect(200)
    ).body.supported.indicators['18'].level as number;
  const facts = async () =>
    (
      await http(t.app)
        .get(`/api/v1/agencies/${agency.id}/periods/2026/facts`)
        .set('Authorization', `Bearer ${leader}`)
        .expect(200)
    ).body as { reviewWindowMonths: number };
  const period = async () =>
    (await http(t.app).get('/api/v1/periods/2026').set('Authorization', `Bearer ${admin}`).expect(200))
      .body as { version: number; reviewWindowMonths: number; reviewWindowSource: string };
  const patch = (body: object) =>
    http(t.app).patch('/api/v1/periods/2026').set('Authorization', `Bearer ${admin}`).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.app.get(DataSource);
    const year = await makePeriod(ds, { year: 2026, asOf: '2026-10-31', edition: 'B' });
    agency = await makeAgency(ds);
    await makeApplication(ds, await makeUnit(ds, agency), 'spl');
    const evidence = (kind: Evidence['kind'], documentDate: string) =>
      makeEvidence(ds, agency, year, { kind, documentDate, status: 'accepted', allUnits: true });
    await evidence('api_list', '2026-02-01');
    const sop = await evidence('sop', '2026-02-01');
    const report = await evidence('review_report', '2025-06-01');
    const minutes = await evidence('meeting_minutes', '2025-08-01');
    const beforeAfter = await evidence('before_after', '2025-08-01');
    const integration = await ds.getRepository(Integration).save(
      ds.getRepository(Integration).create({
        agencyId: agency.id,
        withTarget: 'other_spl',
        peerName: 'Kota Tetangga',
      }),
    );
    await linkEvidence(ds, 'integration', integration, [sop]);
    const review = await ds.getRepository(Review).save(
      ds.getRepository(Review).create({
        agencyId: agency.id,
        subject: 'spl',
        date: '2025-06-01',
        allUnits: true,
      }),
    );
    await linkEvidence(ds, 'review', review, [report]);
    const done = await ds.getRepository(FollowUp).save(
      ds.getRepository(FollowUp).create({
        agencyId: agency.id,
        reviewId: review.id,
        finding: 'Gerbang API diperbarui',
        status: 'done',
        date: '2025-08-01',
      }),
    );
    await linkEvidence(ds, 'follow_up', done, [minutes, beforeAfter]);
    await ds.transaction((m) => t.app.get(NationalRecompute).recompute([agency.id], m, year));
    admin = await issueToken(ds, await makeUser(ds, 'admin', null));
    leader = await issueToken(ds, await makeUser(ds, 'leader', agency));
  });
  afterAll(() => t.close());

  it('applies the edition default, then the period setting, recomputing the levels and recording the change', async () => {
    expect(await period()).toMatchObject({ reviewWindowMonths: 12, reviewWindowSource: 'edition' });
    expect((await facts()).reviewWindowMonths).toBe(12);
    expect(await level18()).toBe(3); // the review of 2025-06-01 is older than 12 months

    const { version } = await period();
    const saved = await patch({ version, reviewWindowMonths: 24 }).expect(200);
    expect(saved.body).toMatchObject({ reviewWindowMonths: 24, reviewWindowSource: 'period' });
    expect((await facts()).reviewWindowMonths).toBe(24);
    expect(await level18()).toBe(5);

    const change = await t.app
      .get(DataSource)
      .getRepository(Change)
      .findOne({ where: { entityType: 'period', action: 'update' }, order: { id: 'DESC' } });
    expect(change?.before).toMatchObject({ reviewWindowMonths: null });
    expect(change?.after).toMatchObject({ reviewWindowMonths: 24 });

    const reset = await patch({ version: saved.body.version, reviewWindowMonths: null }).expect(200);
    expect(reset.body).toMatchObject({ reviewWindowMonths: 12, reviewWindowSource: 'edition' });
    expect(await level18()).toBe(3);
  });

  it.each([0, 61, 12.5, 'dua belas'])(
    'refuses %p as a window, naming the field and changing nothing',
    async (value) => {
      const before = await period();
      const res = await patch({ version: before.version, reviewWindowMonths: value }).expect(400);
      expect(JSON.stringify(res.body)).toContain('reviewWindowMonths');
      expect(await period()).toEqual(before);
    },
  );
});

describe('period fields that are no value (an exponent, null)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a coverage target of 5e-324 with a 400 naming the field (class-validator threw on it)', async () => {
    const ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026 });
    const admin = await issueToken(ds, await makeUser(ds, 'admin', null));
    const bodies = [
      '{"coverageTarget":5e-324,"version":1}',
      '{"coverageTarget":-5e-324,"version":1}',
      '{"coverageTarget":null,"version":1}',
    ];
    for (const body of bodies) {
      const res = await http(t.app)
        .patch('/api/v1/periods/2026')
        .set('Authorization', `Bearer ${admin}`)
        .set('content-type', 'application/json')
        .send(body)
        .expect(400);
      expect(JSON.stringify(res.body)).toContain('coverageTarget');
    }
    // Null is no edition (the fuzzing found a 500: the column is NOT NULL).
    const res = await http(t.app)
      .patch('/api/v1/periods/2026')
      .set('Authorization', `Bearer ${admin}`)
      .send({ version: 1, edition: null })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('edition');
  });
});
