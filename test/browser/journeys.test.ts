import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { User } from '../../src/users/user.entity';
import { issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { http } from '../support/http';
import { pageProblems } from '../support/page-checks';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;
const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);

/**
 * The yearly cycle as people do it in Chromium, one journey per role, in order: each fails on
 * an error page, a raw catalogue key, English on an Indonesian page, a serious accessibility
 * violation or a page wider than the screen (see `pageProblems`).
 */
describeInBrowser('journeys through the year in the browser', () => {
  let t: TestApp;
  let ds: DataSource;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};
  let agency: Agency;
  let other: Agency;
  let evaluator: User;
  const usernames: Record<string, string> = {};
  /** Pages of the first agency the second agency's coordinator must not see. */
  const firstAgencyUrls: string[] = [];

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
    ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    agency = await makeAgency(ds, { name: 'Pemerintah Kabupaten Jalan Cerita' });
    other = await makeAgency(ds, { name: 'Pemerintah Kota Sebelah' });
    await makeUnit(ds, other, { name: 'Dinas Kota Sebelah' });
    usernames.coordinator = (await makeUser(ds, 'coordinator', agency)).username;
    usernames.leader = (await makeUser(ds, 'leader', agency)).username;
    usernames.otherCoordinator = (await makeUser(ds, 'coordinator', other)).username;
    usernames.admin = (await makeUser(ds, 'admin', null)).username;
    evaluator = await makeUser(ds, 'evaluator', null, { displayName: 'Evaluator Eksternal' });
    usernames.evaluator = evaluator.username;
  });
  afterAll(() => stopBrowserApp(started));

  /** Signs in as the user in a fresh context (one per journey) and collects the page problems. */
  async function journey(
    username: string,
    steps: (page: Page, check: (name: string) => Promise<void>) => Promise<void>,
  ) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
    await signIn(page, baseUrl, username);
    await steps(page, async (name) => {
      problems.push(...(await pageProblems(page, name)));
    });
    await context.close();
    return problems;
  }

  it('coordinator: adds a unit and an application, uploads evidence, links it, claims and submits', async () => {
    const a = `${baseUrl}/agencies/${agency.id}`;
    const problems = await journey(usernames.coordinator, async (page, check) => {
      await page.goto(`${a}/units`);
      await page.fill('#code', 'DINKES');
      await page.fill('#name', 'Dinas Kesehatan');
      await page.getByRole('button', { name: 'Tambah unit', exact: true }).click();
      await page.waitForLoadState();
      await page.goto(`${a}/units`);
      await expect(page.locator('main').textContent()).resolves.toContain('Dinas Kesehatan');
      await check('coordinator-units');

      await page.goto(`${a}/applications`);
      await page.selectOption('#unitId', { label: 'DINKES – Dinas Kesehatan' });
      await page.fill('#name', 'SIMPUS');
      await page.selectOption('#exchange', 'spl');
      await page.getByRole('button', { name: 'Tambah aplikasi', exact: true }).click();
      await page.waitForLoadState();
      // Saving lands on the list (it answered "Terjadi kesalahan (400)" before).
      await check('coordinator-application-saved');
      await expect(page.locator('main').textContent()).resolves.toContain('SIMPUS');
      await check('coordinator-applications');

      await page.goto(`${a}/evidence`);
      await page.setInputFiles('#files', {
        name: 'perbup-spl.pdf',
        mimeType: 'application/pdf',
        buffer: pdf('perbup'),
      });
      await page.selectOption('#kind', 'policy_enacted');
      await page.fill('#title', 'Peraturan Bupati tentang SPL');
      await page.fill('#documentDate', '2026-02-01');
      await page.selectOption('#indicators', '7');
      await page.selectOption('#allUnits', 'true');
      await page.getByRole('button', { name: 'Unggah', exact: true }).click();
      await page.waitForURL(/\/evidence\/[0-9a-f-]{36}(\?.*)?$/);
      await check('coordinator-evidence-item');
      await page.getByRole('button', { name: 'Ajukan', exact: true }).click();
      await page.waitForLoadState();
    });
    expect(problems).toEqual([]);

    // The policy and the review are recorded by a client of the API; the coordinator links the
    // uploaded evidence to both on the evidence page.
    const token = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', agency))}`;
    const api = `/api/v1/agencies/${agency.id}`;
    const [evidence] = (
      await http(t.app).get(`${api}/evidence?year=2026`).set('Authorization', token).expect(200)
    ).body.items as { id: string }[];
    const policy = await http(t.app)
      .post(`${api}/policies`)
      .set('Authorization', token)
      .send({
        title: 'Peraturan Bupati tentang SPL',
        number: '3 Tahun 2026',
        status: 'enacted',
        date: '2026-02-01',
        allUnits: true,
        regulatesSplUse: true,
      })
      .expect(201);
    const review = await http(t.app)
      .post(`${api}/reviews`)
      .set('Authorization', token)
      .send({ subject: 'spl', date: '2026-03-01', allUnits: true, findings: 'Semua API terdokumentasi.' })
      .expect(201);
    const linked = await journey(usernames.coordinator, async (page, check) => {
      await page.goto(`${a}/evidence/${evidence.id}`);
      await page.locator('#links summary').click();
      await page.selectOption('#policyIds', policy.body.id as string);
      await page.selectOption('#reviewIds', review.body.id as string);
      await page.locator('#save-links').click();
      await page.waitForLoadState();
      await check('coordinator-evidence-linked');
    });
    expect(linked).toEqual([]);
    const links = await http(t.app)
      .get(`${api}/policies/${policy.body.id}`)
      .set('Authorization', token)
      .expect(200);
    expect(links.body.evidenceIds).toEqual([evidence.id]);
    const reviewNow = await http(t.app)
      .get(`${api}/reviews/${review.body.id}`)
      .set('Authorization', token)
      .expect(200);
    expect(reviewNow.body.evidenceIds).toEqual([evidence.id]);
    firstAgencyUrls.push(`${a}/evidence/${evidence.id}`, `${a}/reviews/${review.body.id}`, `${a}/units`);

    const claimed = await journey(usernames.coordinator, async (page, check) => {
      await page.goto(`${a}/periods/2026/indicators/7`);
      await check('coordinator-indicator-7');
      await page.selectOption('#claimedLevel', '2');
      await page.fill('#justification', 'Peraturan Bupati 3/2026 mengatur penggunaan SPL di semua unit.');
      await page.getByRole('button', { name: 'Simpan nilai mandiri' }).click();
      await page.waitForLoadState();
      await expect(page.locator('#claimedLevel').inputValue()).resolves.toBe('2');
      await page.goto(`${a}/periods/2026/indicators/18`);
      await page.selectOption('#claimedLevel', '1');
      await page.fill('#justification', 'SIMPUS Dinas Kesehatan bertukar data melalui SPL.');
      await page.getByRole('button', { name: 'Simpan nilai mandiri' }).click();
      await page.waitForLoadState();
      await expect(page.locator('#claimedLevel').inputValue()).resolves.toBe('1');

      await page.goto(`${a}/workflow`);
      await check('coordinator-workflow');
      const acknowledge = page.locator('input[name=acknowledgeWarnings]');
      if (await acknowledge.count()) await acknowledge.check();
      await page.getByRole('button', { name: 'Kirim penilaian mandiri', exact: true }).click();
      await page.waitForLoadState();
      await page.goto(`${a}/workflow`);
      await expect(page.locator('main').textContent()).resolves.toContain('Terkirim');
    });
    expect(claimed).toEqual([]);
  }, 300_000);

  it("second agency's coordinator: sees nothing of the first agency", async () => {
    const problems = await journey(usernames.otherCoordinator, async (page, check) => {
      for (const url of firstAgencyUrls) {
        const response = await page.goto(url);
        expect([403, 404]).toContain(response?.status());
      }
      await page.goto(`${baseUrl}/agencies`);
      await check('other-coordinator-agencies');
      const listed = await page.locator('main').textContent();
      expect(listed).toContain('Pemerintah Kota Sebelah');
      expect(listed).not.toContain('Pemerintah Kabupaten Jalan Cerita');
      await page.goto(`${baseUrl}/agencies/${other.id}/evidence`);
      await expect(page.locator('main').textContent()).resolves.not.toContain('Peraturan Bupati tentang SPL');
    });
    expect(problems).toEqual([]);
  }, 120_000);

  /** Moves the period to the stage on the periods page. */
  async function moveStage(page: Page, stage: string) {
    await page.goto(`${baseUrl}/periods`);
    await page.selectOption('#stage', stage);
    await page.getByRole('button', { name: 'Pindahkan', exact: true }).click();
    await page.waitForLoadState();
    // A confirmation says what will happen before anything moves.
    await expect(page.locator('h1').textContent()).resolves.toBe('Pindahkan tahapan?');
    await page.locator('#confirm-move').click();
    await page.waitForLoadState();
  }

  it('admin: assigns the evaluator and moves the period to document review', async () => {
    const problems = await journey(usernames.admin, async (page, check) => {
      await page.goto(`${baseUrl}/users/${evaluator.id}`);
      await check('admin-user');
      await page.selectOption('#agencyIds', { label: agency.name });
      await page.locator('form[action$="/assignments"] button[type=submit]').click();
      await page.waitForLoadState();
      await page.goto(`${baseUrl}/users/${evaluator.id}`);
      await expect(page.locator('#agencyIds option:checked').textContent()).resolves.toBe(agency.name);
      await moveStage(page, 'document_review');
      await check('admin-periods');
      await expect(page.locator('main').textContent()).resolves.toContain('Penilaian dokumen');
    });
    expect(problems).toEqual([]);
  }, 120_000);

  it('evaluator: finds the agency in the queue, rejects an item with a reason, validates with a note', async () => {
    const problems = await journey(usernames.evaluator, async (page, check) => {
      await page.goto(`${baseUrl}/review`);
      await check('evaluator-queue');
      await page.getByRole('link', { name: agency.name }).first().click();
      await page.waitForURL(new RegExp(`/review/agencies/${agency.id}`));
      await check('evaluator-review');
      const item = page.locator('[data-review-item]').first();
      const id = (await item.getAttribute('id'))!.replace('item-', '');
      await page.selectOption(`#reason-${id}`, 'wrong_evidence');
      await page.fill(`#text-${id}`, 'Dokumen belum ditandatangani bupati.');
      await item.getByRole('button', { name: 'Tolak (x)' }).click();
      await page.waitForLoadState();
      await expect(page.locator(`#item-${id}`).getAttribute('data-status')).resolves.toBe('rejected');

      await page.selectOption('#validated-7', '1');
      await page.fill('#note-7', 'Peraturan belum ditandatangani; level 1 sesuai bukti.');
      await page.locator('#indicator-7').getByRole('button', { name: 'Simpan nilai validasi' }).click();
      await page.waitForLoadState();
      await expect(page.locator('#validated-7').inputValue()).resolves.toBe('1');
      await check('evaluator-validated');
    });
    expect(problems).toEqual([]);
  }, 180_000);

  it('admin: moves the period to final and freezes the agency', async () => {
    const problems = await journey(usernames.admin, async (page, check) => {
      await moveStage(page, 'interview');
      await moveStage(page, 'final');
      await check('admin-final');
      // Freezing asks first, listing the agencies; only this agency is ticked.
      await page.goto(`${baseUrl}/periods/2026/freeze`);
      await check('admin-freeze-confirm');
      for (const box of await page.locator('input[name=agencyIds]').all()) {
        if ((await box.getAttribute('value')) !== agency.id) await box.uncheck();
        else await box.check();
      }
      await page.locator('#confirm-freeze').click();
      await page.waitForLoadState();
      await page.goto(`${baseUrl}/periods`);
      await check('admin-frozen');
    });
    expect(problems).toEqual([]);
    const frozen = await ds.query('SELECT agency_id FROM agency_freeze');
    expect(frozen.map((r: { agency_id: string }) => r.agency_id)).toContain(agency.id);
  }, 180_000);

  it('leader: reads the dashboard and downloads the PDF summary', async () => {
    const problems = await journey(usernames.leader, async (page, check) => {
      await page.goto(`${baseUrl}/agencies/${agency.id}`);
      await check('leader-dashboard');
      await expect(page.locator('main').textContent()).resolves.toContain('Dinas Kesehatan');
      const response = await page.request.get(
        `${baseUrl}/api/v1/agencies/${agency.id}/periods/2026/reports/summary.pdf`,
      );
      expect(response.status()).toBe(200);
      expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    });
    expect(problems).toEqual([]);
  }, 120_000);
});
