import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
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
import { SHOT_DIR, pageProblems } from '../support/page-checks';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

/**
 * The pages of a Pemdi 2026 period as the coordinator, the evaluator and the leader see them:
 * words, not codes; Indonesian numbers; no English on an Indonesian page; the claim's evidence a
 * readable list a keyboard can tick.
 */
describeInBrowser('the Pemdi pages in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};
  let agency: Agency;
  const users = {} as Record<'coordinator' | 'evaluator' | 'leader', string>;
  const titles = ['Peta Rencana Pemerintah Digital', 'Daftar API Integrasi'];

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
    const ds = t.app.get(DataSource);
    const period = await makePeriod(ds, { year: 2026, frameworkVersion: 'pemdi-2026' });
    agency = await makeAgency(ds, { name: 'Kabupaten Pemdi Layar' });
    const unit = await makeUnit(ds, agency);
    await makeApplication(ds, unit, 'spl');
    await makeEvidence(ds, agency, period, { kind: 'policy_enacted', title: titles[0], indicators: [1] });
    await makeEvidence(ds, agency, period, { title: titles[1], indicators: [16], units: [unit] });
    users.coordinator = (await makeUser(ds, 'coordinator', agency)).username;
    users.leader = (await makeUser(ds, 'leader', agency)).username;
    const evaluator = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, evaluator, agency, period);
    users.evaluator = evaluator.username;
    const admin = `Bearer ${await issueToken(ds, await makeUser(ds, 'admin', null))}`;
    await http(t.app)
      .put(`/api/v1/agencies/${agency.id}/periods/2026/external-values/5`)
      .set('Authorization', admin)
      .send({ value: 3.25, source: 'Indeks Satu Data 2026', sourceDate: '2026-11-30' })
      .expect(200);
  });
  afterAll(() => stopBrowserApp(started));

  const indicator = (code: string) => `${baseUrl}/agencies/${agency.id}/periods/2026/pemdi/${code}`;

  async function as(role: keyof typeof users): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, baseUrl, users[role]);
    return page;
  }

  it('lets the coordinator tick the evidence of a claim with the keyboard, one readable line each', async () => {
    const page = await as('coordinator');
    await page.goto(indicator('I1'));
    const boxes = titles.map((name) => page.getByRole('checkbox', { name }));
    for (const box of boxes) await expect(box.isChecked()).resolves.toBe(false);
    // Each item on a line of its own, its kind, date and status in words under the title.
    const labels = page.locator('#pemdi-evidence-picker li label');
    const [first, second] = await Promise.all([labels.nth(0).boundingBox(), labels.nth(1).boundingBox()]);
    expect(second!.y).toBeGreaterThan(first!.y + first!.height);
    await expect(page.locator('#pemdi-evidence-picker li').first().innerText()).resolves.toMatch(
      /Daftar API Integrasi\s+Daftar API · tanggal dokumen 1 Maret 2026 · Diajukan/,
    );
    await page.locator('#justification').fill('Peta rencana ditetapkan bupati.');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('type'))).resolves.toBe('checkbox');
    // The first box in the list is the first title in order ("Daftar …" before "Peta …").
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(boxes[0].isChecked()).resolves.toBe(true);
    await page.locator('#claimedLevel').selectOption('3');
    await page.getByRole('button', { name: 'Simpan nilai mandiri' }).click();
    await page.waitForURL(/saved=1/);
    await expect(page.locator('#pemdi-indicator-level').innerText()).resolves.toBe('3');
    await expect(page.locator('#pemdi-evidence').innerText()).resolves.toContain(titles[0]);
    await page.close();
  });

  it('numbers each level of the criteria once and shows none above the supported level as met', async () => {
    const page = await as('coordinator');
    await page.goto(indicator('I16'));
    const items = page.locator('#pemdi-criteria > li');
    await expect(items.count()).resolves.toBe(5);
    const supported = Number(
      /didukung (\d)/.exec(await page.locator('#pemdi-criteria-card').innerText())?.[1],
    );
    for (let level = 1; level <= 5; level++) {
      const li = page.locator(`#pemdi-criteria > li#level-${level}`);
      const text = await li.innerText();
      // The badge is the number: no list marker and no "1." in the text besides it.
      expect(await li.evaluate((el) => getComputedStyle(el).listStyleType)).toBe('none');
      expect(text).not.toMatch(new RegExp(`(^|\\s)${level}\\.\\s`));
      expect(text).not.toContain('✓');
      if (level > supported) expect(await li.getAttribute('data-state')).not.toBe('reached');
    }
    await page.close();
  });

  const paths = () => [
    `${baseUrl}/agencies/${agency.id}?year=2026`,
    indicator('I1'),
    indicator('I5'),
    indicator('I16'),
    `${baseUrl}/agencies/${agency.id}/evidence?year=2026`,
  ];

  /** Each page in Indonesian and English: what pageProblems finds, codes in headings, English decimals. */
  async function walk(role: keyof typeof users, extra: string[] = []): Promise<string[]> {
    const page = await as(role);
    const problems: string[] = [];
    for (const path of [...paths(), ...extra])
      for (const lang of ['id', 'en'] as const) {
        await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        const name = `pemdi-${role}-${lang}-${new URL(path).pathname.split('/').slice(-2).join('-')}`;
        problems.push(...(await pageProblems(page, name)));
        if (SHOT_DIR) await page.screenshot({ path: join(SHOT_DIR, `${name}-full.png`), fullPage: true });
        const text = await page.locator('main').innerText();
        if (lang === 'id') {
          if (/edisi kriteria/.test(text)) problems.push(`${name}: SPBE criteria edition`);
          if (/\b\d+\.\d{2}\b/.test(text.replace(/PermenPANRB \d+\/\d{4}|versi \d{4}\.\d+/g, '')))
            problems.push(`${name}: a decimal point in Indonesian`);
        }
        if (/\bI\d{1,2}\b/.test(await page.locator('main h1').innerText()))
          problems.push(`${name}: a code in the heading`);
      }
    await page.close();
    return problems;
  }

  it('shows the coordinator words, Indonesian numbers and no English on the Pemdi pages, in both languages', async () => {
    expect(await walk('coordinator')).toEqual([]);
  }, 240_000);

  it('shows the evaluator words, Indonesian numbers and no English on the Pemdi pages and the review', async () => {
    expect(await walk('evaluator', [`${baseUrl}/review/agencies/${agency.id}?year=2026`])).toEqual([]);
  }, 240_000);

  it('shows the leader words, Indonesian numbers and no English on the Pemdi pages, in both languages', async () => {
    expect(await walk('leader')).toEqual([]);
  }, 240_000);

  it('writes the external value with a decimal comma in Indonesian and a point in English', async () => {
    const page = await as('leader');
    await page.goto(indicator('I5'));
    await expect(page.locator('#pemdi-external').innerText()).resolves.toMatch(
      /^3,25 · .* · 30 November 2026/,
    );
    await page.goto(`${indicator('I5')}?lang=en`);
    await expect(page.locator('#pemdi-external').innerText()).resolves.toMatch(
      /^3\.25 · .* · 30 November 2026/,
    );
    await page.close();
  });
});
