import { Browser } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MailDispatcher } from '../../src/mail/mail-dispatcher';
import { makeAgency, makePeriod, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { TestSmtpServer } from '../support/smtp';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;
/** Screenshots of the two pages, for a person to look at (not compared). */
const SHOTS = process.env.SCREENSHOT_DIR ?? tmpdir();

describeInBrowser('the e-mail pages in a browser', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};

  beforeAll(async () => {
    await smtp.start();
    started = await startBrowserApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'SPBE Tracker <noreply@spbe.example>',
      MAIL_WORKER_INTERVAL_MS: '0',
      MAIL_SCAN_INTERVAL_MS: '0',
    });
    ({ t, browser, baseUrl } = started as BrowserApp);
  });
  afterAll(async () => {
    await stopBrowserApp(started);
    await smtp.stop();
  });

  it('lets a person choose the daily digest for one kind of event and keeps the choice', async () => {
    const ds = t.app.get(DataSource);
    const agency = await makeAgency(ds);
    const user = await makeUser(ds, 'coordinator', agency, { email: 'koordinator@instansi.example' });
    const page = await browser.newPage();
    await signIn(page, baseUrl, user.username);
    await page.goto(`${baseUrl}/account?lang=en`);
    await page.click('text=E-mail settings');
    await page.waitForURL(`${baseUrl}/account/notifications`);
    await page.check('input[name="returned"][value="digest"]');
    await page.check('input[name="finalised"][value="off"]');
    await page.selectOption('#mailLang', 'en');
    await page.click('button:has-text("Save choices")');
    await page.waitForURL(`${baseUrl}/account/notifications?saved=1`);
    expect(await page.isChecked('input[name="returned"][value="digest"]')).toBe(true);
    expect(await page.isChecked('input[name="finalised"][value="off"]')).toBe(true);
    expect(await page.isChecked('input[name="submitted"][value="immediate"]')).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'spbe-mail-preferences.png'), fullPage: true });
    await page.close();
  });

  it('shows the admin every mail with its status and the server’s answer', async () => {
    const ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026 });
    const admin = await makeUser(ds, 'admin', null, { email: 'admin@spbe.example' });
    const addresses = ['a@instansi.example', 'b@instansi.example', 'c@instansi.example'];
    for (const [i, to] of addresses.entries())
      await ds.query(
        `INSERT INTO mail_outbox (to_address, lang, kind, link, payload) VALUES ($1, $2, 'submitted', '/inbox', $3)`,
        [to, i % 2 ? 'en' : 'id', JSON.stringify({ agency: `Kabupaten ${i + 1}`, year: 2026 })],
      );
    await t.app.get(MailDispatcher).runOnce();
    smtp.refuseWith = { code: 550, message: '5.1.1 Mailbox unavailable' };
    await ds.query(
      `INSERT INTO mail_outbox (to_address, lang, kind, link, payload) VALUES ('salah@instansi.example', 'id', 'finalised', '/inbox', $1)`,
      [JSON.stringify({ agency: 'Kota Salah', year: 2026 })],
    );
    await t.app.get(MailDispatcher).runOnce();
    const page = await browser.newPage();
    await signIn(page, baseUrl, admin.username);
    await page.goto(`${baseUrl}/periods?lang=en`);
    await page.click('#mail-admin-link');
    await page.waitForURL(`${baseUrl}/admin/mail`);
    const rows = page.locator('#mail-outbox tbody tr');
    expect(await rows.count()).toBe(4);
    const failed = page.locator('tr', { hasText: 'salah@instansi.example' });
    expect(await failed.textContent()).toContain('550 5.1.1 Mailbox unavailable');
    expect(await failed.locator('button:has-text("Send again")').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'spbe-mail-admin.png'), fullPage: true });
    await page.close();
  });
});
