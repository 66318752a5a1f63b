import { DataSource } from 'typeorm';
import { MailDispatcher } from '../../src/mail/mail-dispatcher';
import { User } from '../../src/users/user.entity';
import { issueToken } from '../factories';
import { http } from '../support/http';
import { TestSmtpServer } from '../support/smtp';
import { TestApp, createTestApp } from '../support/test-app';

describe('the demo with SMTP_URL set', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      DEMO: 'true',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'SPBE demo <noreply@spbe-demo.example>',
      MAIL_WORKER_INTERVAL_MS: '0',
      MAIL_SCAN_INTERVAL_MS: '0',
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('mails the regency’s submission to its internal assessor (Indonesian) and the demo evaluator (English)', async () => {
    const ds = t.app.get(DataSource);
    const koordinator = await ds.getRepository(User).findOneByOrFail({ username: 'koordinator' });
    const auth = { Authorization: `Bearer ${await issueToken(ds, koordinator)}` };
    const year = new Date().getFullYear();
    const path = `/api/v1/agencies/${koordinator.agencyId}/periods/${year}/submission`;
    const check = await http(t.app).get(path).set(auth).expect(200);
    expect(check.body.canSubmit).toBe(true);
    await http(t.app).post(path).set(auth).send({ acknowledgeWarnings: true }).expect(201);
    await t.app.get(MailDispatcher).runOnce();
    expect(smtp.to('asesor@spbe-demo.example').map((m) => m.subject)).toEqual([
      `Pemerintah Kabupaten Nusa Makmur mengirim penilaian mandiri ${year}`,
    ]);
    expect(smtp.to('evaluator@spbe-demo.example').map((m) => m.subject)).toEqual([
      `Pemerintah Kabupaten Nusa Makmur submitted its ${year} self-assessment`,
    ]);
  });
});
