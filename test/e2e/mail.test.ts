import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { MailDispatcher } from '../../src/mail/mail-dispatcher';
import { Period } from '../../src/periods/period.entity';
import { User } from '../../src/users/user.entity';
import { NotificationScheduler } from '../../src/workflow/notifications/notification-scheduler';
import { assignEvaluator, issueToken, makeAgency, makeEvidence, makePeriod, makeUser } from '../factories';
import { browserSession, cookieValue, http } from '../support/http';
import { TestSmtpServer } from '../support/smtp';
import { TestApp, createTestApp } from '../support/test-app';

interface OutboxRow {
  id: string;
  to_address: string;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
  due_in_ms: number;
}

describe('e-mail through a real SMTP server on the loopback', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let ds: DataSource;
  let dispatcher: MailDispatcher;
  let scheduler: NotificationScheduler;
  let period: Period;
  let seq = 0;

  const outbox = async (to?: string): Promise<OutboxRow[]> =>
    ds.query(
      `SELECT id, to_address, kind, status, attempts, last_error,
         (extract(epoch FROM next_attempt_at - now()) * 1000)::int AS due_in_ms
       FROM mail_outbox WHERE $1::text IS NULL OR to_address = $1 ORDER BY created_at, id`,
      [to ?? null],
    );
  /** The retry pause passes (tests do not wait out real minutes). */
  const timePasses = () => ds.query("UPDATE mail_outbox SET next_attempt_at = now() WHERE status = 'queued'");
  const person = async (role: Parameters<typeof makeUser>[1], agency: Agency | null, lang = 'id') => {
    seq += 1;
    return makeUser(ds, role, agency, {
      email: `${role}.${seq}@instansi.example`,
      lang,
      displayName: `${role} ${seq}`,
    });
  };
  const bearer = async (user: User) => ({ Authorization: `Bearer ${await issueToken(ds, user)}` });
  const page = async (user: User) => {
    const { cookie, csrf } = browserSession(t.config.sessionSecret, await issueToken(ds, user, 'session'));
    return { cookie, csrf };
  };

  /** An agency whose coordinator submits its self-assessment through the API. */
  const submit = async (agency: Agency, coordinator: User) => {
    const auth = await bearer(coordinator);
    for (const [indicator, level] of [
      [7, 1],
      [18, 1],
    ])
      await http(t.app)
        .put(`/api/v1/agencies/${agency.id}/periods/2026/assessments/${indicator}`)
        .set(auth)
        .send({ claimedLevel: level, justification: 'Ada dokumen.' })
        .expect(204);
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/periods/2026/submission`)
      .set(auth)
      .send({ acknowledgeWarnings: true })
      .expect(201);
  };

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'SPBE Tracker <noreply@spbe.example>',
      APP_URL: 'https://spbe.example',
      MAIL_WORKER_INTERVAL_MS: '0',
      MAIL_SCAN_INTERVAL_MS: '0',
      MAIL_MAX_ATTEMPTS: '3',
      MAIL_RETRY_BASE_MS: '60000',
      MAIL_DIGEST_HOUR: '7',
    });
    ds = t.app.get(DataSource);
    dispatcher = t.app.get(MailDispatcher);
    scheduler = t.app.get(NotificationScheduler);
    period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });
  beforeEach(() => {
    smtp.refuseWith = null;
  });

  it('mails a submission to the internal assessor in Indonesian and the evaluator in English, with a link back', async () => {
    const agency = await makeAgency(ds, { name: 'Kabupaten Surel' });
    const coordinator = await person('coordinator', agency);
    const assessor = await person('internal_assessor', agency, 'id');
    const evaluator = await person('evaluator', null, 'en');
    await assignEvaluator(ds, evaluator, agency, period);

    await submit(agency, coordinator);
    // Queued in the transaction of the submission, sent by the worker.
    expect((await outbox()).filter((r) => r.kind === 'submitted').map((r) => r.status)).toEqual([
      'queued',
      'queued',
    ]);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 2, failed: 0 });

    const [id] = smtp.to(assessor.email!);
    expect(id.subject).toBe('Kabupaten Surel mengirim penilaian mandiri 2026');
    expect(id.text).toContain(`Yth. ${assessor.displayName},`);
    expect(id.text).toContain(`https://spbe.example/agencies/${agency.id}/workflow?year=2026`);
    expect(id.html).toContain(`href="https://spbe.example/agencies/${agency.id}/workflow?year=2026"`);
    expect(id.html).toContain('Buka di SPBE Tracker');
    expect(id.attachments).toBe(0);
    expect(id.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    const [en] = smtp.to(evaluator.email!);
    expect(en.subject).toBe('Kabupaten Surel submitted its 2026 self-assessment');
    expect(en.text).toContain('Open in SPBE Tracker: https://spbe.example/');
    // The evaluator is led to the review page of the agency, the assessor to its workflow page.
    expect(en.text).toContain(`https://spbe.example/review/agencies/${agency.id}?year=2026`);
    expect(en.text).not.toContain('/workflow');
    expect(smtp.to(coordinator.email!)).toEqual([]);
    expect((await outbox(assessor.email!)).map((r) => r.status)).toEqual(['sent']);
  });

  it('mails an evaluator the agencies newly assigned to them', async () => {
    const agency = await makeAgency(ds, { name: 'Kota Tugas' });
    const admin = await person('admin', null);
    const evaluator = await person('evaluator', null, 'en');
    const { cookie, csrf } = await page(admin);
    await http(t.app)
      .post(`/users/${evaluator.id}/assignments`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, agencyIds: agency.id })
      .expect(303);
    await dispatcher.runOnce();
    expect(smtp.to(evaluator.email!).map((m) => m.subject)).toEqual([
      'You were assigned to evaluate Kota Tugas (2026)',
    ]);
  });

  it('marks a mail failed with the server’s answer when the server refuses it for good (5xx)', async () => {
    const agency = await makeAgency(ds);
    const coordinator = await person('coordinator', agency);
    const assessor = await person('internal_assessor', agency);
    smtp.refuseWith = { code: 550, message: 'Mailbox unavailable' };
    await submit(agency, coordinator);
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0, failed: 1 });
    const [row] = await outbox(assessor.email!);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/^550 .*Mailbox unavailable/);

    // The admin page lists it with the answer, and sends it again on request.
    const admin = await person('admin', null);
    const { cookie, csrf } = await page(admin);
    const listed = await http(t.app)
      .get('/admin/mail?status=failed&lang=en')
      .set('Cookie', cookie)
      .expect(200);
    expect(listed.text).toContain(assessor.email!);
    expect(listed.text).toContain('550');
    smtp.refuseWith = null;
    await http(t.app)
      .post(`/admin/mail/${row.id}/retry`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    await dispatcher.runOnce();
    expect(smtp.to(assessor.email!)).toHaveLength(1);
    expect((await outbox(assessor.email!))[0].status).toBe('sent');
  });

  it('tries again with growing pauses when the server answers 4xx, then gives up after MAIL_MAX_ATTEMPTS', async () => {
    const agency = await makeAgency(ds);
    const coordinator = await person('coordinator', agency);
    const assessor = await person('internal_assessor', agency);
    smtp.refuseWith = { code: 451, message: 'Try again later' };
    await submit(agency, coordinator);

    await dispatcher.runOnce();
    let [row] = await outbox(assessor.email!);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toMatch(/^451 /);
    expect(row.due_in_ms).toBeGreaterThan(50_000);
    // Not due yet: nothing is sent before the pause is over.
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 0, retried: 0, failed: 0 });

    await timePasses();
    await dispatcher.runOnce();
    [row] = await outbox(assessor.email!);
    expect(row).toMatchObject({ status: 'queued', attempts: 2 });
    expect(row.due_in_ms).toBeGreaterThan(110_000);

    await timePasses();
    await dispatcher.runOnce();
    [row] = await outbox(assessor.email!);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row.last_error).toMatch(/^451 .*Try again later/);
    expect(smtp.to(assessor.email!)).toEqual([]);
  });

  it('delays mail while the server is down and delivers each mail exactly once when it is back', async () => {
    const agency = await makeAgency(ds);
    const coordinator = await person('coordinator', agency);
    const assessors = [await person('internal_assessor', agency), await person('internal_assessor', agency)];
    await smtp.stop();
    try {
      await submit(agency, coordinator);
      expect(await dispatcher.runOnce()).toMatchObject({ sent: 0, retried: 2 });
      for (const a of assessors) {
        const [row] = await outbox(a.email!);
        expect(row).toMatchObject({ status: 'queued', attempts: 1 });
        expect(row.last_error).toMatch(/ECONNREFUSED/);
      }
    } finally {
      await smtp.start();
    }
    await timePasses();
    // Two workers at once (two app instances): SKIP LOCKED gives each mail to one of them.
    const results = await Promise.all([dispatcher.runOnce(), dispatcher.runOnce()]);
    expect(results[0].sent + results[1].sent).toBe(2);
    await timePasses();
    await dispatcher.runOnce();
    for (const a of assessors) {
      expect(smtp.to(a.email!)).toHaveLength(1);
      expect((await outbox(a.email!)).map((r) => r.status)).toEqual(['sent']);
    }
  });

  it('keeps a person’s choices on the preferences page, and "off" keeps the inbox entry but sends no mail', async () => {
    const agency = await makeAgency(ds);
    const coordinator = await person('coordinator', agency);
    const assessor = await person('internal_assessor', agency);
    const { cookie, csrf } = await page(assessor);
    const before = await http(t.app).get('/account/notifications?lang=en').set('Cookie', cookie).expect(200);
    expect(before.text).toContain(assessor.email!);
    expect(before.text).toMatch(/name="submitted" value="immediate"\s+checked/);
    await http(t.app)
      .post('/account/notifications')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, submitted: 'off', returned: 'digest', mailLang: 'en' })
      .expect(303);
    const after = await http(t.app).get('/account/notifications?lang=en').set('Cookie', cookie).expect(200);
    expect(after.text).toMatch(/name="submitted" value="off"\s+checked/);
    expect(after.text).toMatch(/name="returned" value="digest"\s+checked/);
    expect(after.text).toMatch(/<option value="en" selected>/);
    const invalid = await http(t.app)
      .post('/account/notifications')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrf, submitted: 'hourly' });
    expect(invalid.status).toBe(400);

    await submit(agency, coordinator);
    expect(await outbox(assessor.email!)).toEqual([]);
    const inbox = await http(t.app)
      .get('/api/v1/notifications')
      .set(await bearer(assessor))
      .expect(200);
    expect(inbox.body.map((n: { kind: string }) => n.kind)).toEqual(['submitted']);
  });

  it('gathers "daily digest" events into one mail a day, from MAIL_DIGEST_HOUR', async () => {
    const agency = await makeAgency(ds, { name: 'Kabupaten Ringkas' });
    const operator = await person('operator', agency, 'en');
    const assessor = await person('internal_assessor', agency);
    await ds.query(
      `INSERT INTO notification_preference (user_id, kind, mode) VALUES ($1, 'returned', 'digest')`,
      [operator.id],
    );
    const auth = await bearer(assessor);
    for (const title of ['Daftar API', 'SOP Layanan']) {
      const item = await makeEvidence(ds, agency, period, { title, status: 'submitted' });
      await http(t.app)
        .post(`/api/v1/agencies/${agency.id}/evidence/${item.id}/return`)
        .set(auth)
        .send({ reasonCode: 'other', reason: `Perbaiki ${title}` })
        .expect(201);
    }
    await dispatcher.runOnce();
    expect(smtp.to(operator.email!)).toEqual([]);

    // 06:00 in Jakarta is before the digest hour; 08:00 is after it, and only once that day.
    expect(await scheduler.queueDigests(new Date('2026-12-07T23:00:00Z'))).toBe(0);
    expect(await scheduler.queueDigests(new Date('2026-12-08T01:00:00Z'))).toBeGreaterThanOrEqual(1);
    expect(await scheduler.queueDigests(new Date('2026-12-08T05:00:00Z'))).toBe(0);
    await dispatcher.runOnce();
    const digests = smtp.to(operator.email!);
    expect(digests.map((m) => m.subject)).toEqual(['SPBE Tracker daily digest: 2 notifications']);
    expect(digests[0].text).toContain(
      'Evidence "Daftar API" was returned for revision (Kabupaten Ringkas, 2026)',
    );
    expect(digests[0].text).toContain('Evidence "SOP Layanan" was returned for revision');
    expect(digests[0].html).toContain(`https://spbe.example/agencies/${agency.id}/evidence/`);
  });

  it('unsubscribes from one kind of mail through the link in the mail, without signing in', async () => {
    const agency = await makeAgency(ds);
    const coordinator = await person('coordinator', agency);
    const assessor = await person('internal_assessor', agency, 'en');
    await submit(agency, coordinator);
    await dispatcher.runOnce();
    const [mail] = smtp.to(assessor.email!);
    const link =
      /Stop e-mail of this kind: (https:\/\/spbe\.example(\/mail\/unsubscribe\?token=[\w.-]+))/.exec(
        mail.text,
      );
    expect(link).not.toBeNull();
    const path = link![2];

    // Opening the link (as a mail scanner would) changes nothing; the button does.
    const confirm = await http(t.app).get(`${path}&lang=en`).expect(200);
    expect(confirm.text).toContain('Stop receiving e-mail for: An agency submits its self-assessment?');
    const csrfCookie = cookieValue(confirm.headers['set-cookie'], 'spbe_csrf')!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(confirm.text)![1];
    const token = decodeURIComponent(path.split('token=')[1]);
    const done = await http(t.app)
      .post('/mail/unsubscribe?lang=en')
      .set('Cookie', `spbe_csrf=${csrfCookie}`)
      .type('form')
      .send({ _csrf: csrf, token })
      .expect(200);
    expect(done.text).toContain('You no longer receive e-mail for: An agency submits its self-assessment');
    const prefs = await ds.query('SELECT kind, mode FROM notification_preference WHERE user_id = $1', [
      assessor.id,
    ]);
    expect(prefs).toEqual([{ kind: 'submitted', mode: 'off' }]);

    // A forged or altered token reaches nothing.
    await http(t.app)
      .get(`/mail/unsubscribe?token=${token.slice(0, -2)}xx`)
      .expect(400);
    await http(t.app).post(`/api/v1/mail/unsubscribe?token=${token}x`).send({}).expect(400);
    // The one-click POST of mail clients (List-Unsubscribe-Post) works too.
    const oneClick = /<https:\/\/spbe\.example(\/api\/v1\/mail\/unsubscribe\?token=[^>]+)>/.exec(
      mail.headers['list-unsubscribe'],
    )![1];
    await http(t.app)
      .post(oneClick)
      .type('form')
      .send('List-Unsubscribe=One-Click')
      .expect(200, { kind: 'submitted' });
  });

  it('reminds people who still have work 3 days and 1 day before a stage closes, once each', async () => {
    const reminded = await makePeriod(ds, {
      year: 2031,
      asOf: '2031-10-31',
      stage: 'self_assessment',
      selfAssessmentEnd: '2031-05-10',
    });
    const late = await makeAgency(ds, { name: 'Kabupaten Lambat' });
    const early = await makeAgency(ds, { name: 'Kota Cepat' });
    const lateCoordinator = await person('coordinator', late);
    const earlyCoordinator = await person('coordinator', early);
    await ds.query(
      `INSERT INTO agency_submission (agency_id, period_id, submitted_by, submitted_by_name, warnings)
       VALUES ($1, $2, $3, 'x', '{}')`,
      [early.id, reminded.id, earlyCoordinator.id],
    );
    const at = (iso: string) => scheduler.remindDeadlines(new Date(iso));
    const reminders = async (user: User) =>
      (
        await ds.query(
          "SELECT payload FROM notification WHERE user_id = $1 AND kind = 'deadline' ORDER BY created_at",
          [user.id],
        )
      ).map((r: { payload: { days: number } }) => r.payload.days);

    await at('2031-05-06T02:00:00Z'); // four days before: nothing yet
    expect(await reminders(lateCoordinator)).toEqual([]);
    await at('2031-05-07T02:00:00Z');
    await at('2031-05-08T02:00:00Z'); // the 3-day reminder was sent already
    await at('2031-05-09T02:00:00Z');
    await at('2031-05-09T09:00:00Z');
    expect(await reminders(lateCoordinator)).toEqual([3, 1]);
    expect(await reminders(earlyCoordinator)).toEqual([]);

    await dispatcher.runOnce();
    const mails = smtp.to(lateCoordinator.email!);
    expect(mails.map((m) => m.subject)).toEqual([
      'Tahap Penilaian mandiri 2031 ditutup 10 Mei 2031',
      'Tahap Penilaian mandiri 2031 ditutup 10 Mei 2031',
    ]);
    expect(mails[1].text).toContain(
      'ditutup pada 10 Mei 2031 (besok). Penilaian mandiri Kabupaten Lambat belum dikirim.',
    );
    expect(mails[1].text).toContain(`https://spbe.example/agencies/${late.id}/workflow?year=2031`);
  });

  it('reminds evaluators with undecided items when the document review closes', async () => {
    const reviewing = await makePeriod(ds, {
      year: 2032,
      asOf: '2032-10-31',
      stage: 'document_review',
      documentReviewEnd: '2032-06-03',
    });
    const agency = await makeAgency(ds);
    const coordinator = await person('coordinator', agency);
    const evaluator = await person('evaluator', null, 'en');
    const idle = await person('evaluator', null, 'en');
    await assignEvaluator(ds, evaluator, agency, reviewing);
    for (let i = 0; i < 2; i++) await makeEvidence(ds, agency, reviewing, { status: 'submitted' });
    await ds.query(
      `INSERT INTO agency_submission (agency_id, period_id, submitted_by, submitted_by_name, warnings)
       VALUES ($1, $2, $3, 'x', '{}')`,
      [agency.id, reviewing.id, coordinator.id],
    );
    await scheduler.remindDeadlines(new Date('2032-06-02T03:00:00Z'));
    await dispatcher.runOnce();
    const [mail] = smtp.to(evaluator.email!);
    expect(mail.subject).toBe('The Document review stage of 2032 closes on 3 June 2032');
    expect(mail.text).toContain('2 evidence items still await your decision.');
    expect(smtp.to(idle.email!)).toEqual([]);
  });

  it('reminds a coordinator with an unanswered interview question when the interview closes', async () => {
    const interviewing = await makePeriod(ds, {
      year: 2033,
      asOf: '2033-10-31',
      stage: 'interview',
      interviewEnd: '2033-07-01',
    });
    const agency = await makeAgency(ds, { name: 'Kota Wawancara' });
    const coordinator = await person('coordinator', agency);
    const evaluator = await person('evaluator', null);
    await assignEvaluator(ds, evaluator, agency, interviewing);
    const item = await makeEvidence(ds, agency, interviewing, { status: 'needs_revision' });
    await ds.query(
      `INSERT INTO interview_round (agency_id, period_id, evidence_id, round_no, question, opened_by, opened_by_name)
       VALUES ($1, $2, $3, 1, 'Mana buktinya?', $4, 'e')`,
      [agency.id, interviewing.id, item.id, evaluator.id],
    );
    await scheduler.remindDeadlines(new Date('2033-06-28T03:00:00Z'));
    await dispatcher.runOnce();
    const [mail] = smtp.to(coordinator.email!);
    expect(mail.subject).toBe('Tahap Interviu 2033 ditutup 1 Juli 2033');
    expect(mail.text).toContain('Kota Wawancara masih memiliki pertanyaan wawancara yang belum dijawab.');
    // The evaluator has nothing undecided (the item waits for the agency).
    expect(smtp.to(evaluator.email!)).toEqual([]);
  });

  // Last: it moves the 2026 period on to the interview and to final.
  it('mails a rejected item with its reason, an interview question and the frozen results, in each reader’s language', async () => {
    const agency = await makeAgency(ds, { name: 'Kabupaten Tolak' });
    const coordinator = await person('coordinator', agency);
    const operator = await person('operator', agency, 'en');
    const evaluator = await person('evaluator', null);
    await assignEvaluator(ds, evaluator, agency, period);
    const item = await makeEvidence(ds, agency, period, { title: 'Daftar API', status: 'submitted' });
    await submit(agency, coordinator);
    const admin = await bearer(await person('admin', null));
    const current = await http(t.app).get('/api/v1/periods/2026').set(admin).expect(200);
    await http(t.app)
      .put('/api/v1/periods/2026/stage')
      .set(admin)
      .send({ stage: 'document_review', version: current.body.version })
      .expect(200);
    const { version } = (
      await http(t.app).get(`/api/v1/agencies/${agency.id}/evidence/${item.id}`).set(admin).expect(200)
    ).body as { version: number };
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence/${item.id}/decision`)
      .set(await bearer(evaluator))
      .send({ status: 'rejected', reasonCode: 'other', reason: 'Dokumen tidak ditandatangani', version })
      .expect(201);
    await dispatcher.runOnce();
    const [en] = smtp.to(operator.email!).filter((m) => m.subject.includes('Daftar API'));
    expect(en.subject).toBe('Evidence "Daftar API" was rejected');
    expect(en.text).toContain('Reason: Dokumen tidak ditandatangani');
    expect(en.text).toContain(`https://spbe.example/agencies/${agency.id}/evidence/${item.id}`);
    const [id] = smtp.to(coordinator.email!).filter((m) => m.subject.includes('Daftar API'));
    expect(id.subject).toBe('Bukti "Daftar API" ditolak');
    expect(id.text).toContain('Alasan: Dokumen tidak ditandatangani');

    // The interview reopens the item with a question; at final the frozen results are announced.
    const move = async (stage: string) => {
      const p = await http(t.app).get('/api/v1/periods/2026').set(admin).expect(200);
      await http(t.app)
        .put('/api/v1/periods/2026/stage')
        .set(admin)
        .send({ stage, version: p.body.version })
        .expect(200);
    };
    await move('interview');
    await http(t.app)
      .post(`/api/v1/agencies/${agency.id}/evidence/${item.id}/reopen`)
      .set(await bearer(evaluator))
      .send({ question: 'Mana lampiran tanda tangan?' })
      .expect(201);
    await move('final');
    await http(t.app).post('/api/v1/periods/2026/freeze').set(admin).send({}).expect(201);
    await dispatcher.runOnce();
    const reopened = smtp.to(coordinator.email!).find((m) => m.subject.startsWith('Wawancara'));
    expect(reopened?.subject).toBe('Wawancara: bukti "Daftar API" dibuka kembali');
    expect(reopened?.text).toContain('Alasan: Mana lampiran tanda tangan?');
    expect(smtp.to(operator.email!).map((m) => m.subject)).toContain(
      'The 2026 final results of Kabupaten Tolak were frozen',
    );
  });
});
