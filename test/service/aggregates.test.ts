import { DataSource } from 'typeorm';
import { Actor } from '../../src/access/actor';
import { Agency } from '../../src/agencies/agency.entity';
import { AgencyDirectory } from '../../src/agencies/agency-directory';
import { Application } from '../../src/applications/application.entity';
import { ApplicationsService } from '../../src/applications/applications.service';
import { ChangeLogService } from '../../src/changes/change-log.service';
import { IntegrationsService } from '../../src/integrations/integrations.service';
import { LevelsReader } from '../../src/levels/levels-reader';
import { OnboardingService } from '../../src/onboarding/onboarding.service';
import { FollowUpsService } from '../../src/periodic-reviews/follow-ups.service';
import { ReviewsService } from '../../src/periodic-reviews/reviews.service';
import { Period } from '../../src/periods/period.entity';
import { PoliciesService } from '../../src/policies/policies.service';
import { SplService } from '../../src/spl/spl.service';
import { UsersService } from '../../src/auth/users.service';
import {
  importHubData,
  makeActor,
  makeAgency,
  makeApplication,
  makeEvidence,
  makeIntegration,
  makeOnboardingItem,
  makePeriod,
  makePolicy,
  makeReview,
  makeSplInstance,
  makeUnit,
} from '../factories';
import { TestServices, createTestServices } from '../support/test-services';

describe('agency data read back through the services', () => {
  let s: TestServices;
  let ds: DataSource;
  let period: Period;
  let agency: Agency;
  let coordinator: Actor;
  let apps: Record<'publisher' | 'consumer' | 'lastYear' | 'unlinked', Application>;

  beforeAll(async () => {
    s = await createTestServices();
    ds = s.ds;
    period = await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    agency = await makeAgency(ds, { code: 'nusa', domain: 'nusa.go.id' });
    coordinator = (await makeActor(ds, 'coordinator', agency)).actor;
    const unit = await makeUnit(ds, agency, { code: 'DISKOMINFO' });
    apps = {
      publisher: await makeApplication(ds, unit, 'none', { name: 'Satu Data' }),
      consumer: await makeApplication(ds, unit, 'none', { name: 'Portal Baru' }),
      lastYear: await makeApplication(ds, unit, 'none', { name: 'Portal Lama' }),
      unlinked: await makeApplication(ds, unit, 'none', { name: 'Arsip' }),
    };
    await importHubData(s, coordinator, agency, {
      apis: [{ id: 'api-pajak', name: 'Pajak', status: 'PUBLISHED' }],
      events: [
        {
          apiId: 'api-pajak',
          at: '2025-11-03T08:00:00Z',
          app: { id: 'app-lama', name: 'PortalLama', owner: 'a' },
        },
        {
          apiId: 'api-pajak',
          at: '2026-02-03T08:00:00Z',
          app: { id: 'app-baru', name: 'PortalBaru', owner: 'b' },
        },
      ],
      links: [
        { hubKey: 'api-pajak', kind: 'api', application: apps.publisher },
        { hubKey: 'app-baru', kind: 'application', application: apps.consumer },
        { hubKey: 'app-lama', kind: 'application', application: apps.lastYear },
      ],
    });
  });
  afterAll(() => s.close());

  it('shows a hub proof of use of the SPL for exactly the applications the engine counts as via the SPL', async () => {
    const facts = await s.get(LevelsReader).facts(agency.id, period);
    const counted = new Map(facts.units.flatMap((u) => u.applications ?? []).map((a) => [a.id, a.viaSpl]));
    const service = s.get(ApplicationsService);
    const shown = new Map<string, string[]>();
    for (const app of Object.values(apps))
      shown.set(
        app.id,
        (await service.get(agency.id, app.id)).viaSplHub.map((p) => p.role),
      );

    expect(Object.fromEntries(Object.entries(apps).map(([k, a]) => [k, counted.get(a.id)]))).toEqual({
      publisher: true,
      consumer: true,
      lastYear: false,
      unlinked: false,
    });
    expect(shown.get(apps.publisher.id)).toEqual(['publishes']);
    expect(shown.get(apps.consumer.id)).toEqual(['consumes']);
    for (const app of Object.values(apps)) expect(shown.get(app.id)!.length > 0).toBe(counted.get(app.id));
  });

  it('reads back what each factory made, as the agency’s pages list it', async () => {
    const other = await makeAgency(ds);
    const [policy, spl, integration, { review, followUps }] = [
      await makePolicy(ds, other),
      await makeSplInstance(ds, other),
      await makeIntegration(ds, other),
      await makeReview(ds, other, {}, ['Dokumentasi API belum lengkap', 'Belum ada SOP']),
    ];
    const unit = await makeUnit(ds, other);
    const app = await makeApplication(ds, unit);
    await makeOnboardingItem(ds, other, app, { item: 'publish', status: 'done', doneOn: '2026-04-01' });
    const { user: evaluator } = await makeActor(ds, 'evaluator', other, { period });
    const { actor: admin } = await makeActor(ds, 'admin', null);

    expect((await s.get(PoliciesService).get(other.id, policy.id)).title).toBe(policy.title);
    expect((await s.get(SplService).get(other.id, spl.id)).name).toBe(spl.name);
    expect((await s.get(IntegrationsService).get(other.id, integration.id)).peerName).toBe(
      integration.peerName,
    );
    expect((await s.get(ReviewsService).get(other.id, review.id)).findings).toBe(review.findings);
    const listed = await s.get(FollowUpsService).list(other.id, review.id, {});
    expect(listed.items.map((f) => f.finding).sort()).toEqual(followUps.map((f) => f.finding).sort());
    const [steps] = await s.get(OnboardingService).steps(other.id, app.id, '2026-05-01');
    expect(steps.steps.find((x) => x.item === 'publish')).toMatchObject({ status: 'done' });
    expect(await s.get(UsersService).assignments(evaluator.id, period.id)).toEqual([other.id]);
    expect((await s.get(UsersService).get(admin, evaluator.id)).role).toBe('evaluator');
  });

  it('links the evidence a policy, review, follow-up or integration names, in the record’s own write', async () => {
    const own = await makeAgency(ds);
    const { actor } = await makeActor(ds, 'coordinator', own);
    const [a, b] = [await makeEvidence(ds, own, period), await makeEvidence(ds, own, period)];
    const foreign = await makeEvidence(ds, await makeAgency(ds), period);
    const sorted = (...ids: string[]) => ids.sort();
    const linked = async (join: string, key: string, id: string) =>
      (
        (await ds.query(`SELECT evidence_id FROM ${join} WHERE ${key} = $1 ORDER BY 1`, [id])) as {
          evidence_id: string;
        }[]
      ).map((r) => r.evidence_id);

    const policies = s.get(PoliciesService);
    const policy = await policies.create(actor, own.id, { title: 'Perbup SPL', evidenceIds: [a.id, a.id] });
    expect(policy.evidenceIds).toEqual([a.id]);
    const changed = await policies.update(actor, own.id, policy.id, {
      version: policy.version,
      evidenceIds: [b.id, a.id],
    });
    expect(changed.evidenceIds).toEqual(sorted(a.id, b.id));
    const untouched = await policies.update(actor, own.id, policy.id, {
      version: changed.version,
      title: 'X',
    });
    expect(untouched.evidenceIds).toEqual(sorted(a.id, b.id));
    expect(await linked('policy_evidence', 'policy_id', policy.id)).toEqual(sorted(a.id, b.id));

    const reviews = s.get(ReviewsService);
    const review = await reviews.create(actor, own.id, {
      subject: 'spl',
      date: '2026-03-01',
      evidenceIds: [b.id],
    });
    expect(review.evidenceIds).toEqual([b.id]);
    const followUps = s.get(FollowUpsService);
    const followUp = await followUps.create(actor, own.id, review.id, {
      finding: 'SOP',
      evidenceIds: [a.id],
    });
    expect(
      (
        await followUps.update(actor, own.id, review.id, followUp.id, {
          version: followUp.version,
          evidenceIds: [],
        })
      ).evidenceIds,
    ).toEqual([]);
    const integrations = s.get(IntegrationsService);
    const integration = await integrations.create(actor, own.id, {
      withTarget: 'splp',
      peerName: 'SPLP',
      evidenceIds: [a.id],
    });
    expect(integration.evidenceIds).toEqual([a.id]);

    // Evidence of another agency is refused as before; nothing of the write stays.
    await expect(
      integrations.update(actor, own.id, integration.id, {
        version: integration.version,
        evidenceIds: [foreign.id],
      }),
    ).rejects.toThrow(/evidenceIds/);
    // A write that fails after the links were written leaves the links as they were.
    jest.spyOn(s.get(ChangeLogService), 'record').mockRejectedValueOnce(new Error('log down'));
    await expect(
      integrations.update(actor, own.id, integration.id, {
        version: integration.version,
        evidenceIds: [b.id],
      }),
    ).rejects.toThrow('log down');
    expect(await linked('integration_evidence', 'integration_id', integration.id)).toEqual([a.id]);
    expect(await linked('review_evidence', 'review_id', review.id)).toEqual([b.id]);
    expect(await linked('follow_up_evidence', 'follow_up_id', followUp.id)).toEqual([]);
  });

  it('names only the records a text names, as the agency’s full list of names does, and none of another agency', async () => {
    const own = await makeAgency(ds);
    const [unit, policy, { review }, evidence] = [
      await makeUnit(ds, own),
      await makePolicy(ds, own),
      await makeReview(ds, own),
      await makeEvidence(ds, own, period),
    ];
    await makeEvidence(ds, own, period);
    const foreign = await makeUnit(ds, await makeAgency(ds));
    const texts = [
      `units ${unit.id} and ${foreign.id}`,
      `replaces ${policy.id} after ${review.id} of ${review.date}`,
      `evidence ${evidence.id}`,
    ];
    const directory = s.get(AgencyDirectory);
    for (const lang of ['id', 'en'] as const) {
      const all = await directory.recordNames(own.id, lang);
      const named = [unit.id, policy.id, review.id, evidence.id];
      expect(await directory.recordNamesIn(own.id, texts, lang)).toEqual(
        new Map(named.map((id) => [id, all.get(id)])),
      );
    }
    expect(await directory.recordNamesIn(own.id, ['no record'], 'id')).toEqual(new Map());
  });
});
