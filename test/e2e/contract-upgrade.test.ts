import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { createApp } from '../../src/app.setup';
import { loadFramework } from '../../src/framework/framework.loader';
import type { Framework } from '../../src/framework/framework.schema';
import { Integration } from '../../src/integrations/integration.entity';
import { Period } from '../../src/periods/period.entity';
import { pdfPageTexts } from '../../src/reports/pdf-text.testing';
import { FollowUp } from '../../src/periodic-reviews/follow-up.entity';
import { Review } from '../../src/periodic-reviews/review.entity';
import { ScoringService } from '../../src/scoring/scoring.service';
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
import { binary, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * The kind sets of scoring contract version 1, as the engine applied them before version 2: an
 * integration screenshot made an integration count, and a follow-up report alone was a follow-up.
 */
function contractOneFramework(): Framework {
  const framework = structuredClone(loadFramework());
  framework.version = '2020.1-contract-1';
  framework.kindSets.INTEGRATION = [
    'operating_documentation',
    'sop',
    'splp_onboarding',
    'integration_screenshot',
  ];
  framework.kindSets.FOLLOW_UP = ['follow_up_report', 'before_after'];
  framework.kindSets.IMPROVEMENT = ['follow_up_report', 'before_after'];
  return framework;
}

/** One year of data that contract 1 scores at level 5 and contract 2 at level 3 (Indicator 18). */
async function yearOfData(
  ds: DataSource,
  agency: Agency,
  period: Period,
  unit: Awaited<ReturnType<typeof makeUnit>>,
) {
  const year = period.year;
  const doc = await makeEvidence(ds, agency, period, {
    kind: 'api_list',
    status: 'accepted',
    documentDate: `${year}-03-01`,
    allUnits: true,
  });
  const screenshot = await makeEvidence(ds, agency, period, {
    kind: 'integration_screenshot',
    status: 'accepted',
    documentDate: `${year}-03-02`,
  });
  const report = await makeEvidence(ds, agency, period, {
    kind: 'review_report',
    status: 'accepted',
    documentDate: `${year}-05-10`,
  });
  const followUp = await makeEvidence(ds, agency, period, {
    kind: 'follow_up_report',
    status: 'accepted',
    documentDate: `${year}-08-01`,
  });
  const integration = await ds.getRepository(Integration).save(
    ds.getRepository(Integration).create({
      agencyId: agency.id,
      withTarget: 'other_spl',
      peerName: `Kota ${year}`,
    }),
  );
  await linkEvidence(ds, 'integration', integration, [screenshot]);
  const review = await ds.getRepository(Review).save(
    ds.getRepository(Review).create({
      agencyId: agency.id,
      subject: 'spl',
      date: `${year}-05-10`,
      allUnits: true,
    }),
  );
  await linkEvidence(ds, 'review', review, [report]);
  const done = await ds.getRepository(FollowUp).save(
    ds.getRepository(FollowUp).create({
      agencyId: agency.id,
      reviewId: review.id,
      finding: 'Perbaikan katalog API',
      status: 'done',
      date: `${year}-08-01`,
    }),
  );
  await linkEvidence(ds, 'follow_up', done, [followUp]);
  return { unit, doc };
}

describe('upgrading to scoring contract 2', () => {
  let t: TestApp;

  afterAll(async () => {
    await t.db.destroy();
  });

  it('recomputes open periods at boot and leaves the frozen result, its hash and its PDF unchanged', async () => {
    // Before the upgrade: the app scores with contract 1's kind sets.
    t = await createTestApp();
    const before = t.app;
    (before.get(ScoringService) as unknown as { framework: Framework }).framework = contractOneFramework();
    const ds = before.get(DataSource);
    const agency = await makeAgency(ds, { name: 'Pemerintah Kabupaten Peralihan' });
    const unit = await makeUnit(ds, agency);
    await makeApplication(ds, unit, 'spl');
    const frozenYear = await makePeriod(ds, { year: 2025, asOf: '2025-10-31' });
    const openYear = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    await yearOfData(ds, agency, frozenYear, unit);
    await yearOfData(ds, agency, openYear, unit);
    const levels = before.get(NationalRecompute);
    await ds.transaction((m) => levels.recompute([agency.id], m, frozenYear));
    await ds.transaction((m) => levels.recompute([agency.id], m, openYear));
    const admin = await issueToken(ds, await makeUser(ds, 'admin', null));
    const leader = await issueToken(ds, await makeUser(ds, 'leader', agency));

    const level18 = async (app: typeof before, year: number) =>
      (
        await http(app)
          .get(`/api/v1/agencies/${agency.id}/periods/${year}/levels`)
          .set('Authorization', `Bearer ${leader}`)
          .expect(200)
      ).body.supported.indicators['18'].level as number;
    expect(await level18(before, 2025)).toBe(5);
    expect(await level18(before, 2026)).toBe(5);

    const period = await http(before).get('/api/v1/periods/2025').set('Authorization', `Bearer ${admin}`);
    await http(before)
      .put('/api/v1/periods/2025/stage')
      .set('Authorization', `Bearer ${admin}`)
      .send({ stage: 'final', version: period.body.version })
      .expect(200);
    await http(before)
      .post('/api/v1/periods/2025/freeze')
      .set('Authorization', `Bearer ${admin}`)
      .send({ agencyIds: [agency.id] })
      .expect(201);
    const frozen = async (app: typeof before) =>
      (
        await http(app)
          .get(`/api/v1/agencies/${agency.id}/periods/2025/frozen`)
          .set('Authorization', `Bearer ${leader}`)
          .expect(200)
      ).body as Record<string, unknown>;
    const pdf = async (app: typeof before) =>
      pdfPageTexts(
        (
          await http(app)
            .get(`/api/v1/agencies/${agency.id}/periods/2025/reports/summary.pdf`)
            .set('Authorization', `Bearer ${leader}`)
            .buffer(true)
            .parse(binary)
            .expect(200)
        ).body as Buffer,
      );
    const frozenBefore = await frozen(before);
    const pdfBefore = await pdf(before);
    await before.close();

    // The upgrade: the same database, booted by the app with contract 2.
    const after = await createApp(t.config, { kind: t.db.kind, url: t.db.url, close: async () => undefined });
    try {
      expect(await level18(after, 2026)).toBe(3);
      const output = (
        await http(after)
          .get(`/api/v1/agencies/${agency.id}/periods/2026/levels`)
          .set('Authorization', `Bearer ${leader}`)
          .expect(200)
      ).body.supported as { contract: number; engineVersion: string };
      expect(output).toMatchObject({ contract: 2, engineVersion: '2.0.0' });

      const frozenAfter = await frozen(after);
      expect(frozenAfter).toEqual(frozenBefore);
      expect(frozenAfter.intact).toBe(true);
      expect(await level18(after, 2025)).toBe(5);
      const pdfAfter = await pdf(after);
      // Only the time of printing may differ between two prints of the same frozen summary.
      const withoutPrintTime = (pages: string[]) =>
        pages.map((page) => page.replace(/\d{1,2}[:.]\d{2}(:\d{2})?/g, '<time>'));
      expect(withoutPrintTime(pdfAfter)).toEqual(withoutPrintTime(pdfBefore));
      expect(pdfAfter.join('\n')).toContain(String(frozenBefore.snapshotHash).slice(0, 16));
    } finally {
      await after.close();
    }
  });
});
