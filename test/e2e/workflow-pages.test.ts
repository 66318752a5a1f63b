import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Period } from '../../src/periods/period.entity';
import { User } from '../../src/users/user.entity';
import {
  assignEvaluator,
  issueToken,
  makeAgency,
  makeApplication,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('workflow pages', () => {
  let t: TestApp;
  let ds: DataSource;
  let period: Period;
  let agency: Agency;
  const users = {} as Record<'admin' | 'coordinator' | 'evaluator', User>;
  const sessions = {} as Record<keyof typeof users, { cookie: string; csrf: string }>;

  const page = (who: keyof typeof users, path: string) =>
    http(t.app).get(path).set('Cookie', sessions[who].cookie).set('Accept', 'text/html');
  const form = (who: keyof typeof users, path: string, fields: Record<string, string>) =>
    http(t.app)
      .post(path)
      .set('Cookie', sessions[who].cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: sessions[who].csrf, ...fields });

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    period = await makePeriod(ds, {
      year: 2026,
      asOf: '2026-10-31',
      selfAssessmentStart: '2026-02-01',
      selfAssessmentEnd: '2026-06-30',
    });
    agency = await makeAgency(ds, { name: 'Kota Halaman' });
    const unit = await makeUnit(ds, agency);
    await makeApplication(ds, unit, 'spl');
    users.admin = await makeUser(ds, 'admin', null);
    users.coordinator = await makeUser(ds, 'coordinator', agency);
    users.evaluator = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, users.evaluator, agency, period);
    for (const who of Object.keys(users) as (keyof typeof users)[])
      sessions[who] = browserSession(t.config.sessionSecret, await issueToken(ds, users[who], 'session'));
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence`)
      .set('Authorization', `Bearer ${await issueToken(ds, users.coordinator)}`)
      .field('kind', 'integration_screenshot')
      .field('title', 'Layar SPL')
      .field('documentDate', '2026-03-01')
      .field('indicators', '18')
      .field('unitIds', unit.id)
      .field('status', 'submitted')
      .attach('files', PNG, 'layar.png')
      .expect(201);
  });
  afterAll(() => t.close());

  it('shows everyone the stage dates and the rules table, in Indonesian and in English', async () => {
    const id = await page('coordinator', '/periods').expect(200);
    expect(id.text).toContain('2026-02-01 – 2026-06-30');
    expect(id.text).toContain('Apa yang boleh berubah pada tiap tahapan');
    expect(id.text).toContain('sampai instansi mengirim penilaian');
    expect(id.text).not.toContain('action="/periods/2026/stage"');
    const en = await page('coordinator', '/periods?lang=en').expect(200);
    expect(en.text).toContain('What may change in each stage');
    expect(en.text).toContain('only items returned for revision');
  });

  it('lets the coordinator submit from the workflow page after acknowledging the check, then names the lock', async () => {
    await form('coordinator', `/agencies/${agency.id}/periods/2026/indicators/18`, {
      claimedLevel: '4',
      justification: 'Semua unit, dan sudah direviu.',
    }).expect(303);
    await form('coordinator', `/agencies/${agency.id}/periods/2026/indicators/7`, {
      claimedLevel: '0',
      justification: 'Belum ada.',
    }).expect(303);
    const before = await page('coordinator', `/agencies/${agency.id}/workflow?year=2026`).expect(200);
    expect(before.text).toContain('name="acknowledgeWarnings"');
    const refused = await form('coordinator', `/agencies/${agency.id}/workflow/submit`, {
      year: '2026',
    }).expect(400);
    // In the page's language (it was English before the catalogue held refusals).
    expect(refused.text).toContain('pemeriksaan mencatat 1 nilai mandiri di atas level yang didukung');
    const done = await form('coordinator', `/agencies/${agency.id}/workflow/submit`, {
      year: '2026',
      acknowledgeWarnings: 'true',
    }).expect(303);
    expect(done.headers.location).toBe(`/agencies/${agency.id}/workflow?year=2026&done=submitted`);
    const after = await page('coordinator', done.headers.location).expect(200);
    expect(after.text).toContain('Data instansi terkunci untuk tahapan ini');
    const unit = await form('coordinator', `/agencies/${agency.id}/units`, {
      code: 'BARU',
      name: 'Unit baru',
    }).expect(409);
    expect(unit.text).toContain('Kunci alur kerja: pada periode 2026 (tahapan Penilaian mandiri)');
    expect(unit.text).not.toContain('Workflow lock');
  });

  it('counts unread notifications in the navigation and opens them', async () => {
    const home = await page('evaluator', '/').expect(200);
    expect(home.text).toMatch(/<span class="tag warn" id="inbox-count"[^>]*>1<\/span>/);
    const inbox = await page('evaluator', '/inbox').expect(200);
    expect(inbox.text).toContain('Kota Halaman mengirim penilaian mandiri 2026');
    const [notification] = (
      await http(t.app)
        .get('/api/v1/notifications?unread=true')
        .set('Authorization', `Bearer ${await issueToken(ds, users.evaluator)}`)
        .expect(200)
    ).body;
    const open = await form('evaluator', `/inbox/${notification.id}/read`, {}).expect(303);
    // The evaluator's notice of a submission opens the agency's review page (issue 19).
    expect(open.headers.location).toBe(`/review/agencies/${agency.id}?year=2026`);
    expect((await page('evaluator', '/').expect(200)).text).not.toContain('id="inbox-count"');
    await form('coordinator', `/inbox/${notification.id}/read`, {}).expect(404);
  });

  it('moves the stage from the period page, audited, and shows the review page with inline previews', async () => {
    const move = await form('admin', '/periods/2026/stage', {
      stage: 'document_review',
      version: String(period.version),
      confirmed: 'yes',
    });
    expect(move.status).toBe(303);
    const audit: { detail: Record<string, unknown> }[] = await ds.query(
      "SELECT detail FROM audit_log WHERE action = 'period.stage_changed'",
    );
    expect(audit.map((a) => a.detail)).toEqual([
      { year: 2026, from: 'self_assessment', to: 'document_review' },
    ]);
    const stale = await form('admin', '/periods/2026/stage', {
      stage: 'interview',
      version: String(period.version),
      confirmed: 'yes',
    });
    expect(stale.status).toBe(409);

    const review = await page('evaluator', `/review/agencies/${agency.id}?year=2026`).expect(200);
    expect(review.text).toMatch(
      /<img src="\/api\/v1\/agencies\/[^"]+\/files\/[^"]+\?inline=1" alt="layar.png"/,
    );
    expect(review.text).toContain('data-decision-form');
    expect(review.text).toContain('<script src="/static/js/review.js" defer></script>');
  });
});
