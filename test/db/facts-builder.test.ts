import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { loadFramework } from '../../src/framework/framework.loader';
import { buildFacts } from '../../src/levels/facts.builder';
import { FactsRepository } from '../../src/levels/facts.repository';
import { Integration } from '../../src/integrations/integration.entity';
import { Policy } from '../../src/policies/policy.entity';
import { FollowUp } from '../../src/periodic-reviews/follow-up.entity';
import { Review } from '../../src/periodic-reviews/review.entity';
import { linkEvidence, makeAgency, makeApplication, makeEvidence, makePeriod, makeUnit } from '../factories';
import { TestDatabase, createTestDatabase } from '../support/test-database';

describe('facts builder on PostgreSQL', () => {
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

  it('turns an agency’s rows into exactly the contract’s facts', async () => {
    const agency = await makeAgency(ds);
    const elsewhere = await makeAgency(ds);
    const period = await makePeriod(ds, {
      year: 2031,
      asOf: '2031-10-31',
      edition: 'C',
      coverageTarget: '0.800',
    });
    const other = await makePeriod(ds, { year: 2030, asOf: '2030-10-31' });
    const dinkes = await makeUnit(ds, agency, { code: 'a-dinkes' });
    const pasar = await makeUnit(ds, agency, {
      code: 'b-pasar',
      inScope: false,
      outOfScopeReason: 'Dilebur',
    });
    const simpus = await makeApplication(ds, dinkes, 'spl', { name: 'A SIMPUS' });
    const sikda = await makeApplication(ds, dinkes, 'point_to_point', { name: 'B SIKDA' });
    const list = await makeEvidence(ds, agency, period, {
      kind: 'api_list',
      status: 'accepted',
      documentDate: '2031-03-01',
      units: [dinkes],
    });
    const both = await makeEvidence(ds, agency, period, {
      kind: 'meeting_minutes',
      indicators: [18, 7],
      documentDate: '2031-04-01',
      allUnits: true,
    });
    const enacted = await makeEvidence(ds, agency, period, {
      kind: 'policy_enacted',
      indicators: [7],
      documentDate: '2030-01-02',
    });
    const fix = await makeEvidence(ds, agency, period, {
      kind: 'follow_up_report',
      documentDate: '2031-06-01',
    });
    await makeEvidence(ds, agency, other, { kind: 'sop' }); // another period: not in these facts
    await makeEvidence(ds, elsewhere, period, { kind: 'sop' }); // another agency
    const old = await ds.getRepository(Policy).save(
      ds.getRepository(Policy).create({
        agencyId: agency.id,
        title: 'Lama',
        status: 'enacted',
        date: '2028-01-01',
        allUnits: false,
        units: [dinkes],
        regulatesSplUse: true,
      }),
    );
    const policy = await ds.getRepository(Policy).save(
      ds.getRepository(Policy).create({
        agencyId: agency.id,
        title: 'Baru',
        status: 'enacted',
        date: '2030-01-02',
        allUnits: true,
        regulatesSplUse: true,
        regulatesSplpConnection: true,
        replacesId: old.id,
      }),
    );
    await linkEvidence(ds, 'policy', policy, [enacted]);
    const integration = await ds
      .getRepository(Integration)
      .save(
        ds.getRepository(Integration).create({ agencyId: agency.id, withTarget: 'splp', peerName: 'SPLP' }),
      );
    await linkEvidence(ds, 'integration', integration, [list]);
    const review = await ds.getRepository(Review).save(
      ds.getRepository(Review).create({
        agencyId: agency.id,
        subject: 'spl',
        date: '2031-05-01',
        allUnits: false,
        units: [dinkes],
      }),
    );
    await linkEvidence(ds, 'review', review, [both]);
    const done = await ds.getRepository(FollowUp).save(
      ds.getRepository(FollowUp).create({
        agencyId: agency.id,
        reviewId: review.id,
        finding: 'x',
        status: 'done',
        date: '2031-06-01',
      }),
    );
    await linkEvidence(ds, 'follow_up', done, [fix]);
    const open = await ds
      .getRepository(FollowUp)
      .save(
        ds
          .getRepository(FollowUp)
          .create({ agencyId: agency.id, reviewId: review.id, finding: 'y', status: 'planned' }),
      );

    const rows = await new FactsRepository(ds).load([agency.id], period.id);
    const facts = buildFacts(rows.get(agency.id)!, period, loadFramework());

    expect(facts).toEqual({
      asOf: '2031-10-31',
      edition: 'C',
      coverageTarget: 0.8,
      // Contract 2: the facts always carry the window applied (edition C's default here).
      reviewWindowMonths: 24,
      units: [
        {
          id: dinkes.id,
          inScope: true,
          applications: [
            { id: simpus.id, viaSpl: true },
            { id: sikda.id, viaSpl: false },
          ],
        },
        { id: pasar.id, inScope: false, applications: [] },
      ],
      evidence: expect.arrayContaining([
        {
          id: list.id,
          indicator: 18,
          kind: 'api_list',
          status: 'accepted',
          date: '2031-03-01',
          units: [dinkes.id],
        },
        {
          id: `${both.id}#7`,
          indicator: 7,
          kind: 'meeting_minutes',
          status: 'submitted',
          date: '2031-04-01',
          units: 'all',
        },
        {
          id: `${both.id}#18`,
          indicator: 18,
          kind: 'meeting_minutes',
          status: 'submitted',
          date: '2031-04-01',
          units: 'all',
        },
        { id: enacted.id, indicator: 7, kind: 'policy_enacted', status: 'submitted', date: '2030-01-02' },
        { id: fix.id, indicator: 18, kind: 'follow_up_report', status: 'submitted', date: '2031-06-01' },
      ]),
      policies: [
        {
          id: old.id,
          status: 'enacted',
          date: '2028-01-01',
          units: [dinkes.id],
          regulatesSplUse: true,
          regulatesSplpConnection: false,
          replaces: null,
          evidence: [],
        },
        {
          id: policy.id,
          status: 'enacted',
          date: '2030-01-02',
          units: 'all',
          regulatesSplUse: true,
          regulatesSplpConnection: true,
          replaces: old.id,
          evidence: [enacted.id],
        },
      ],
      integrations: [{ id: integration.id, with: 'splp', evidence: [list.id] }],
      reviews: [
        {
          id: review.id,
          subject: 'spl',
          date: '2031-05-01',
          units: [dinkes.id],
          evidence: [`${both.id}#7`, `${both.id}#18`],
          followUps: [
            { id: done.id, done: true, date: '2031-06-01', evidence: [fix.id] },
            { id: open.id, done: false, date: '2031-05-01', evidence: [] },
          ],
        },
      ],
    });
    expect(facts.evidence).toHaveLength(5);
  });
});
