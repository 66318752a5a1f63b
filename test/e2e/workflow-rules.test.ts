import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Role } from '../../src/access/roles';
import { Agency } from '../../src/agencies/agency.entity';
import { Period, PeriodStage } from '../../src/periods/period.entity';
import { Unit } from '../../src/units/unit.entity';
import { User } from '../../src/users/user.entity';
import {
  assignEvaluator,
  issueToken,
  makeAgency,
  makeEvidence,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

type Action =
  'agencyData' | 'upload' | 'claim' | 'returnInternal' | 'decide' | 'validate' | 'reopen' | 'comment';
type Expect = 'ok' | 'locked';

/**
 * Who may change what in each stage, written out case by case (independently of
 * src/workflow-core/stage-rules.ts): a change of the rules must show up here as a failing row.
 * `submitted`: whether the agency has submitted its assessment for the period.
 */
const CASES: [PeriodStage, boolean, Role, Action, Expect][] = [
  ['self_assessment', false, 'operator', 'agencyData', 'ok'],
  ['self_assessment', true, 'operator', 'agencyData', 'locked'],
  ['self_assessment', true, 'admin', 'agencyData', 'locked'],
  ['document_review', false, 'coordinator', 'agencyData', 'locked'],
  ['interview', true, 'coordinator', 'agencyData', 'locked'],
  // A final period keeps its facts in its snapshot; live data moves on to the next period.
  ['final', true, 'coordinator', 'agencyData', 'ok'],
  ['self_assessment', false, 'operator', 'upload', 'ok'],
  ['self_assessment', true, 'operator', 'upload', 'locked'],
  ['document_review', true, 'operator', 'upload', 'locked'],
  ['interview', true, 'coordinator', 'upload', 'locked'],
  ['final', true, 'operator', 'upload', 'locked'],
  ['self_assessment', false, 'coordinator', 'claim', 'ok'],
  ['self_assessment', true, 'coordinator', 'claim', 'locked'],
  ['document_review', false, 'coordinator', 'claim', 'locked'],
  ['self_assessment', false, 'internal_assessor', 'returnInternal', 'ok'],
  ['self_assessment', true, 'internal_assessor', 'returnInternal', 'locked'],
  ['document_review', true, 'internal_assessor', 'returnInternal', 'locked'],
  ['self_assessment', false, 'evaluator', 'decide', 'locked'],
  ['self_assessment', true, 'evaluator', 'decide', 'ok'],
  ['document_review', true, 'evaluator', 'decide', 'ok'],
  ['interview', true, 'evaluator', 'decide', 'ok'],
  ['final', true, 'evaluator', 'decide', 'locked'],
  // Admins may correct decisions and validations in any stage before final.
  ['self_assessment', false, 'admin', 'decide', 'ok'],
  ['final', true, 'admin', 'decide', 'locked'],
  ['self_assessment', true, 'evaluator', 'validate', 'locked'],
  ['document_review', true, 'evaluator', 'validate', 'ok'],
  ['interview', true, 'evaluator', 'validate', 'ok'],
  ['final', true, 'evaluator', 'validate', 'locked'],
  ['self_assessment', true, 'admin', 'validate', 'ok'],
  ['document_review', true, 'evaluator', 'reopen', 'locked'],
  ['interview', true, 'evaluator', 'reopen', 'ok'],
  ['self_assessment', false, 'leader', 'comment', 'ok'],
  ['interview', true, 'evaluator', 'comment', 'ok'],
  ['final', true, 'leader', 'comment', 'locked'],
];

describe('stage rules per role', () => {
  let t: TestApp;
  let ds: DataSource;
  let period: Period;
  let agency: Agency;
  let unit: Unit;
  const tokens = {} as Record<Role, string>;
  const users = {} as Record<Role, User>;
  const api = (path: string) => `/api/v1/agencies/${agency.id}${path}`;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    agency = await makeAgency(ds);
    unit = await makeUnit(ds, agency);
    for (const role of [
      'admin',
      'coordinator',
      'operator',
      'internal_assessor',
      'evaluator',
      'leader',
    ] as Role[]) {
      users[role] = await makeUser(ds, role, ['admin', 'evaluator'].includes(role) ? null : agency);
      tokens[role] = `Bearer ${await issueToken(ds, users[role])}`;
    }
    await assignEvaluator(ds, users.evaluator, agency, period);
  });
  afterAll(() => t.close());

  async function situate(stage: PeriodStage, submitted: boolean) {
    await ds.query('UPDATE period SET stage = $1 WHERE id = $2', [stage, period.id]);
    await ds.query('DELETE FROM agency_submission WHERE agency_id = $1', [agency.id]);
    await ds.query("UPDATE assessment SET status = 'draft' WHERE agency_id = $1", [agency.id]);
    if (submitted)
      await ds.query(
        `INSERT INTO agency_submission (agency_id, period_id, submitted_by, submitted_by_name, warnings)
         VALUES ($1, $2, $3, 'koordinator', '{}')`,
        [agency.id, period.id, users.coordinator.id],
      );
  }

  function attempt(role: Role, action: Action) {
    const as = { Authorization: tokens[role] };
    const fresh = () => makeEvidence(ds, agency, period, { status: 'submitted', units: [unit] });
    switch (action) {
      case 'agencyData':
        return http(t.app)
          .post(api('/units'))
          .set(as)
          .send({ code: `U-${randomUUID().slice(0, 6)}`, name: 'Unit uji' });
      case 'upload':
        return http(t.app)
          .post(api('/evidence'))
          .set(as)
          .field('kind', 'sop')
          .field('title', 'SOP')
          .field('documentDate', '2026-02-01')
          .field('indicators', '18')
          .field('allowDuplicate', 'true')
          .attach('files', Buffer.from(`%PDF-1.4\n% ${randomUUID()}\n%%EOF\n`), 'sop.pdf');
      case 'claim':
        return http(t.app)
          .put(api('/periods/2026/assessments/18'))
          .set(as)
          .send({ claimedLevel: 1, justification: 'Uji.' });
      case 'returnInternal':
        return fresh().then((e) =>
          http(t.app)
            .post(api(`/evidence/${e.id}/return`))
            .set(as)
            .send({ reasonCode: 'wrong_evidence' }),
        );
      case 'decide':
        return fresh().then((e) =>
          http(t.app)
            .post(api(`/evidence/${e.id}/decision`))
            .set(as)
            .send({ status: 'accepted' }),
        );
      case 'validate':
        return http(t.app)
          .put(api('/periods/2026/assessments/18/validation'))
          .set(as)
          .send({ validatedLevel: 1, note: 'Uji.' });
      case 'reopen':
        return fresh().then((e) =>
          http(t.app)
            .post(api(`/evidence/${e.id}/reopen`))
            .set(as)
            .send({ question: 'Mohon jelaskan.' }),
        );
      case 'comment':
        return http(t.app).post(api('/periods/2026/indicators/18/comments')).set(as).send({ body: 'Uji.' });
    }
  }

  it.each(CASES)('%s (submitted: %s): %s %s is %s', async (stage, submitted, role, action, expected) => {
    await situate(stage, submitted);
    const res = await attempt(role, action);
    if (expected === 'ok') {
      expect([res.status, res.body.message]).toEqual([expect.any(Number), undefined]);
      expect(res.status).toBeLessThan(300);
    } else {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('msg.workflow.lock');
      expect(res.body.message).toMatch(/^Kunci alur kerja: /);
    }
  });

  it('answers 409 to the later of two decisions made on the same version of an item', async () => {
    await situate('document_review', true);
    const evidence = await makeEvidence(ds, agency, period, { status: 'submitted', units: [unit] });
    const decide = (status: string, reasonCode?: string) =>
      http(t.app)
        .post(api(`/evidence/${evidence.id}/decision`))
        .set('Authorization', tokens.evaluator)
        .send({ status, reasonCode, version: evidence.version });
    const [one, two] = await Promise.all([decide('accepted'), decide('rejected', 'out_of_date')]);
    expect([one.status, two.status].sort()).toEqual([201, 409]);
    const loser = one.status === 409 ? one : two;
    expect(loser.body.message).toMatch(/diubah orang lain \(versi 2, Anda mengirim 1\)/);
    const decisions: { n: number }[] = await ds.query(
      'SELECT count(*)::int AS n FROM evidence_decision WHERE evidence_id = $1',
      [evidence.id],
    );
    expect(decisions[0].n).toBe(1);
  });
});
