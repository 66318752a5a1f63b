import { Browser, BrowserContext } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../../src/access/roles';
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
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { http } from '../support/http';
import { pageProblems } from '../support/page-checks';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

/**
 * Every main page, for each role that sees it: no serious or critical axe-core violation, no
 * error page, no raw catalogue key or English on the Indonesian page, and no horizontal scroll
 * at 1366 and 390 pixels (SCREENSHOT_DIR=/tmp/shots saves screenshots of both to look at).
 */
describeInBrowser('the main pages for each role', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};
  const pages: Partial<Record<Role, string[]>> = {};
  const users: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
    const ds = t.app.get(DataSource);
    const period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    const agency = await makeAgency(ds, { name: 'Pemerintah Kabupaten Halaman Uji' });
    const [unit] = [await makeUnit(ds, agency, { name: 'Dinas Kesehatan' }), await makeUnit(ds, agency)];
    await makeApplication(ds, unit, 'spl', { name: 'SIMPUS' });
    const evidence = await makeEvidence(ds, agency, period, { title: 'Daftar API SPL' });
    for (const role of ['coordinator', 'operator', 'leader'] as const) {
      users[role] = (await makeUser(ds, role, agency)).username;
    }
    users.admin = (await makeUser(ds, 'admin', null)).username;
    const evaluator = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, evaluator, agency, period);
    users.evaluator = evaluator.username;
    const coordinator = `Bearer ${await issueToken(ds, await makeUser(ds, 'coordinator', agency))}`;
    const api = `/api/v1/agencies/${agency.id}`;
    const policy = await http(t.app)
      .post(`${api}/policies`)
      .set('Authorization', coordinator)
      .send({
        title: 'Peraturan Bupati tentang SPL',
        number: '7 Tahun 2025',
        status: 'enacted',
        date: '2025-03-01',
        allUnits: true,
      })
      .expect(201);
    const review = await http(t.app)
      .post(`${api}/reviews`)
      .set('Authorization', coordinator)
      .send({ subject: 'spl', date: '2025-11-20', allUnits: true, findings: 'Dua API belum terdokumentasi.' })
      .expect(201);
    const a = `/agencies/${agency.id}`;
    const agencyPages = [
      '/',
      a,
      `${a}/units`,
      `${a}/units/${unit.id}`,
      `${a}/applications`,
      `${a}/policies`,
      `${a}/policies/${policy.body.id}`,
      `${a}/reviews`,
      `${a}/reviews/${review.body.id}`,
      `${a}/integrations`,
      `${a}/spl`,
      `${a}/evidence`,
      `${a}/evidence/${evidence.id}`,
      `${a}/periods/2026/indicators/7`,
      `${a}/periods/2026/indicators/18`,
      `${a}/workflow`,
      `${a}/hub`,
      `${a}/roadmap`,
      '/inbox',
    ];
    pages.coordinator = agencyPages;
    pages.operator = [`${a}/evidence`, `${a}/applications`];
    pages.leader = ['/', a, '/reports'];
    pages.evaluator = ['/review', `/review/agencies/${agency.id}`, '/differences', '/inbox'];
    pages.admin = ['/', '/periods', '/users', '/agencies', '/admin/mail', '/reports'];
  });
  afterAll(() => stopBrowserApp(started));

  it('shows the login page without problems', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    expect(await pageProblems(page, 'login')).toEqual([]);
    await context.close();
  });

  for (const role of ['coordinator', 'operator', 'leader', 'evaluator', 'admin'] as const) {
    it(`shows every main page of the ${role} without problems`, async () => {
      const context: BrowserContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      await signIn(page, baseUrl, users[role]!);
      const problems: string[] = [];
      for (const path of pages[role]!) {
        const response = await page.goto(`${baseUrl}${path}`);
        if (response && response.status() >= 400) problems.push(`${path}: status ${response.status()}`);
        const name = `${role}${path.replace(/\/[0-9a-f-]{36}/g, '/id').replace(/\W+/g, '-')}`;
        problems.push(...(await pageProblems(page, name)));
      }
      await context.close();
      expect(problems).toEqual([]);
    }, 240_000);
  }
});
