import Handlebars from 'handlebars';
import { DataSource } from 'typeorm';
import { Role } from '../../src/access/roles';
import { publisherApiList } from '../../src/hub/hub-fixtures.testing';
import {
  assignEvaluator,
  issueToken,
  makeAgency,
  makeApplication,
  makeEvidence,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { hostile, shownFields, unescapedFields } from '../support/hostile-text';
import { browserSession, http } from '../support/http';
import { listRoutes } from '../support/routes';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * Hostile text stored in every field people type that pages show, then every page rendered as
 * each role that sees the agency: no page may contain the text as markup. (This replaces the test
 * in app.test.ts that sent `<script>` in a query string no page shows: it could not fail.)
 */
const ROLES: Role[] = ['admin', 'coordinator', 'operator', 'internal_assessor', 'evaluator', 'leader'];

describe('pages escape stored user text', () => {
  let t: TestApp;
  let ds: DataSource;
  const params: Record<string, string> = {};
  const actors = {} as Record<Role, { id: string }>;

  /**
   * The fields stored below; each must reach at least one page, escaped. (A decision's reason is
   * stored too, but pages show it as the evidence's status reason, listed here.)
   */
  const FIELDS = [
    'agency.name',
    'unit.name',
    'unit.outOfScopeReason',
    'application.name',
    'application.description',
    'spl.name',
    'policy.title',
    'policy.number',
    'integration.peerName',
    'integration.description',
    'review.findings',
    'followUp.finding',
    'evidence.title',
    'evidence.description',
    'evidence.documentNumber',
    'evidence.statusReason',
    'evidenceFile.originalName',
    'comment.body',
    'interview.question',
    'interview.answer',
    'assessment.justification',
    'user.displayName',
    'hubInstance.name',
    'hubApi.name',
  ];

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    const period = await makePeriod(ds);
    const agency = await makeAgency(ds, { name: hostile('agency.name') });
    const unit = await makeUnit(ds, agency, { name: hostile('unit.name') });
    await makeUnit(ds, agency, { inScope: false, outOfScopeReason: hostile('unit.outOfScopeReason') });
    const app = await makeApplication(ds, unit, 'spl', {
      name: hostile('application.name'),
      description: hostile('application.description'),
    });
    for (const role of ROLES) {
      actors[role] = await makeUser(ds, role, ['admin', 'evaluator'].includes(role) ? null : agency, {
        displayName: hostile('user.displayName'),
      });
    }
    await assignEvaluator(ds, actors.evaluator as never, agency, period);
    const insert = async (table: string, fields: Record<string, unknown>) => {
      const versioned: unknown[] = await ds.query(
        `SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = 'version'`,
        [table],
      );
      const values = versioned.length ? { version: 1, ...fields } : fields;
      const cols = Object.keys(values);
      const rows: { id: string }[] = await ds.query(
        `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_c, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
        Object.values(values),
      );
      return rows[0].id;
    };
    const splId = await insert('spl_instance', { agency_id: agency.id, name: hostile('spl.name') });
    const policyId = await insert('policy', {
      agency_id: agency.id,
      title: hostile('policy.title'),
      number: hostile('policy.number'),
      date: '2025-01-02',
    });
    const integrationId = await insert('integration', {
      agency_id: agency.id,
      with_target: 'splp',
      peer_name: hostile('integration.peerName'),
      description: hostile('integration.description'),
    });
    const reviewId = await insert('review', {
      agency_id: agency.id,
      subject: 'spl',
      date: '2025-06-01',
      findings: hostile('review.findings'),
    });
    const followUpId = await insert('follow_up', {
      agency_id: agency.id,
      review_id: reviewId,
      finding: hostile('followUp.finding'),
    });
    const evidence = await makeEvidence(ds, agency, period, {
      title: hostile('evidence.title'),
      description: hostile('evidence.description'),
      documentNumber: hostile('evidence.documentNumber'),
      statusReason: hostile('evidence.statusReason'),
      status: 'rejected',
    });
    await ds.query('INSERT INTO evidence_unit (evidence_id, unit_id) VALUES ($1, $2)', [
      evidence.id,
      unit.id,
    ]);
    const fileId = await insert('evidence_file', {
      evidence_id: evidence.id,
      agency_id: agency.id,
      storage_key: `evidence/${agency.id}/${period.year}/${evidence.id}`,
      sha256: '0'.repeat(64),
      size: 1,
      mime_type: 'application/pdf',
      original_name: hostile('evidenceFile.originalName'),
    });
    await insert('workflow_comment', {
      agency_id: agency.id,
      period_id: period.id,
      evidence_id: evidence.id,
      author_id: actors.evaluator.id,
      author_name: hostile('user.displayName'),
      author_role: 'evaluator',
      body: hostile('comment.body'),
    });
    await insert('evidence_decision', {
      agency_id: agency.id,
      period_id: period.id,
      evidence_id: evidence.id,
      status: 'rejected',
      source: 'evaluator',
      reason: hostile('decision.reason'),
      evidence_version: 1,
      decided_by: actors.evaluator.id,
      decided_by_name: hostile('user.displayName'),
    });
    const roundId = await insert('interview_round', {
      agency_id: agency.id,
      period_id: period.id,
      evidence_id: evidence.id,
      round_no: 1,
      question: hostile('interview.question'),
      opened_by: actors.evaluator.id,
      opened_by_name: hostile('user.displayName'),
      answer: hostile('interview.answer'),
      answered_by: actors.coordinator.id,
      answered_by_name: hostile('user.displayName'),
      answered_at: new Date(),
    });
    await insert('assessment', {
      agency_id: agency.id,
      period_id: period.id,
      indicator: 18,
      claimed_level: 1,
      justification: hostile('assessment.justification'),
    });
    await insert('hub_instance', {
      agency_id: agency.id,
      hub_id: 'spl-hostile',
      name: hostile('hubInstance.name'),
      level: 'DAERAH',
      platform: 'WSO2_APIM_4',
      gateway_base_urls: ['https://spl.hostile.go.id'],
    });
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/hub-imports`)
      .set('Authorization', `Bearer ${await issueToken(ds, actors.coordinator as never, 'access')}`)
      .field('hubId', 'spl-hostile')
      .attach(
        'file',
        Buffer.from(publisherApiList([{ id: 'api-x', name: hostile('hubApi.name') }])),
        'apis.json',
      )
      .expect(201);
    Object.assign(params, {
      agencyId: agency.id,
      userId: actors.operator.id,
      unitId: unit.id,
      applicationId: app.id,
      splId,
      policyId,
      integrationId,
      reviewId,
      followUpId,
      evidenceId: evidence.id,
      fileId,
      roundId,
      entityType: 'unit',
      entityId: unit.id,
      year: String(period.year),
      indicator: '18',
    });
  });
  afterAll(() => t.close());

  it('the detector flags hostile text rendered without escaping, and not escaped text', () => {
    const template = '<p title="{{t}}">{{t}}</p>';
    const raw = Handlebars.compile(template, { noEscape: true })({ t: hostile('sample') });
    const escaped = Handlebars.compile(template)({ t: hostile('sample') });
    expect(unescapedFields(raw)).toEqual(['sample']);
    expect(unescapedFields(escaped)).toEqual([]);
    expect(shownFields(escaped)).toEqual(['sample']);
  });

  const shown = new Set<string>();

  it.each(ROLES)('shows no stored text unescaped on any page %s opens', async (role) => {
    const pages = listRoutes(t.app)
      .filter((r) => r.method === 'GET' && !r.path.startsWith('/api/') && r.rule?.kind !== 'public')
      .filter((r) => !/\.(pdf|xlsx|csv|js|zip)$/.test(r.path))
      .map((r) => r.path)
      .filter((path) => [...path.matchAll(/:(\w+)/g)].every(([, name]) => name in params));
    const session = await issueToken(ds, actors[role] as never, 'session');
    const { cookie } = browserSession(t.config.sessionSecret, session);
    const unescaped: string[] = [];
    for (const route of pages) {
      const path = route.replace(/:(\w+)/g, (_m, name: string) => params[name]);
      const res = await http(t.app).get(path).set('Cookie', cookie).set('Accept', 'text/html');
      if (!/text\/html/.test(String(res.headers['content-type']))) continue;
      for (const field of unescapedFields(res.text)) unescaped.push(`${route}: ${field}`);
      for (const field of shownFields(res.text)) shown.add(field);
    }
    expect(unescaped).toEqual([]);
  });

  it('has shown every stored field on some page (escaped)', () => {
    expect(FIELDS.filter((f) => !shown.has(f))).toEqual([]);
  });
});
