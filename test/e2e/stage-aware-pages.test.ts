import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { Period } from '../../src/periods/period.entity';
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
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

describe('pages that follow the stage', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let period: Period;
  const users = {} as Record<'coordinator' | 'evaluator' | 'admin', User>;
  const sessions = {} as Record<keyof typeof users, { cookie: string; csrf: string }>;
  let reviewerSession: { cookie: string; csrf: string };
  const reviewPage = () =>
    http(t.app)
      .get(`/review/agencies/${agency.id}?year=2026`)
      .set('Cookie', reviewerSession.cookie)
      .set('Accept', 'text/html');

  const page = (who: keyof typeof users, path: string) =>
    http(t.app).get(path).set('Cookie', sessions[who].cookie).set('Accept', 'text/html');
  const form = (who: keyof typeof users, path: string, fields: Record<string, string>) =>
    http(t.app)
      .post(path)
      .set('Cookie', sessions[who].cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: sessions[who].csrf, ...fields });
  const indicator = () => `/agencies/${agency.id}/periods/2026/indicators/18`;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    period = await makePeriod(ds, { year: 2026, stage: 'self_assessment' });
    agency = await makeAgency(ds, { name: 'Kota Bertahap' });
    await makeUnit(ds, agency);
    users.coordinator = await makeUser(ds, 'coordinator', agency);
    users.evaluator = await makeUser(ds, 'evaluator', null);
    users.admin = await makeUser(ds, 'admin', null);
    // An evaluator assigned to the agency (the shared one keeps an empty queue).
    const reviewer = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, reviewer, agency, period);
    reviewerSession = browserSession(t.config.sessionSecret, await issueToken(ds, reviewer, 'session'));
    await makeEvidence(ds, agency, period, { kind: 'api_list', title: 'Daftar API' });
    for (const who of Object.keys(users) as (keyof typeof users)[])
      sessions[who] = browserSession(t.config.sessionSecret, await issueToken(ds, users[who], 'session'));
  });
  afterAll(() => t.close());

  it('keeps the chosen level and the text when a claim is refused, at the form’s own address', async () => {
    const refused = await form('coordinator', indicator(), { claimedLevel: '4' }).expect(400);
    expect(refused.text).toContain('<option value="4" selected>');
    expect(refused.text).toContain(`<form method="post" class="form">`);
    const saved = await form('coordinator', indicator(), {
      claimedLevel: '5',
      justification: 'Semua unit memakai SPL.',
    }).expect(303);
    const after = await page('coordinator', saved.headers.location as string).expect(200);
    expect(after.text).toContain('Perubahan tersimpan.');
    expect(after.text).toContain('id="claim-warning"');
    expect(after.text).toContain('Semua unit memakai SPL.');
  });

  it('offers the forms and the pre-submission advice before submission', async () => {
    expect((await page('coordinator', `/agencies/${agency.id}/units`).expect(200)).text).toContain(
      `<form method="post" action="/agencies/${agency.id}/units"`,
    );
    const workflow = await page('coordinator', `/agencies/${agency.id}/workflow?year=2026`).expect(200);
    expect(workflow.text).toContain('Pemeriksaan sebelum mengirim');
  });

  it('offers the evaluator no evidence decision before the agency submits, and says why', async () => {
    const review = await reviewPage().expect(200);
    expect(review.text).toContain('Daftar API');
    expect(review.text).not.toMatch(/action="[^"]*\/decision"/);
    expect(review.text).toContain('dapat diberikan setelah instansi mengajukan penilaian mandiri');
  });

  it('after submission shows the data read-only with the reason and no stale advice', async () => {
    await ds.query(
      `INSERT INTO agency_submission (agency_id, period_id, submitted_by, submitted_by_name, warnings)
       VALUES ($1, $2, $3, 'x', '{}')`,
      [agency.id, period.id, users.coordinator.id],
    );
    await ds.query(`UPDATE assessment SET status = 'submitted' WHERE agency_id = $1`, [agency.id]);
    const units = await page('coordinator', `/agencies/${agency.id}/units`).expect(200);
    expect(units.text).toContain('Penilaian mandiri 2026 sudah dikirim; data instansi hanya dapat dibaca');
    expect(units.text).not.toContain(`<form method="post" action="/agencies/${agency.id}/units"`);

    const claim = await page('coordinator', indicator()).expect(200);
    expect(claim.text).not.toContain('turunkan klaim sebelum pengajuan');
    expect(claim.text).not.toContain('name="claimedLevel"');
    expect(claim.text).toContain('Nilai mandiri sudah dikirim dan tidak dapat diubah lagi');

    const workflow = await page('coordinator', `/agencies/${agency.id}/workflow?year=2026`).expect(200);
    expect(workflow.text).not.toContain('Pemeriksaan sebelum mengirim');

    const evidence = await page('coordinator', `/agencies/${agency.id}/evidence`).expect(200);
    expect(evidence.text).not.toContain('id="upload"');
  });

  it('tells an evaluator with an empty queue who assigns agencies, and notifies the assignment', async () => {
    const queue = await page('evaluator', '/review?year=2026').expect(200);
    expect(queue.text).toContain('Admin menugaskan instansi kepada evaluator per periode');
    const assigned = await form('admin', `/users/${users.evaluator.id}/assignments`, {
      agencyIds: agency.id,
    }).expect(303);
    expect((await page('admin', assigned.headers.location as string).expect(200)).text).toContain(
      'Penugasan tersimpan.',
    );
    const inbox = await page('evaluator', '/inbox').expect(200);
    expect(inbox.text).toContain('Kota Bertahap');
    expect((await page('evaluator', '/review?year=2026').expect(200)).text).not.toContain('id="queue-empty"');
  });

  it('does not offer a national view to an agency’s coordinator on the differences page', async () => {
    const own = await page('coordinator', `/differences?year=2026&agencyId=${agency.id}`).expect(200);
    expect(own.text).not.toContain('Nasional');
    expect(own.text).toContain('Kota Bertahap');
  });

  it('offers the evaluator the evidence decisions once the agency has submitted', async () => {
    const review = await reviewPage().expect(200);
    expect(review.text).toMatch(/action="[^"]*\/decision"/);
    expect(review.text).not.toContain('id="decisions-wait"');
  });
});
