import { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { NationalRecompute } from '../../src/levels/national-recompute';
import {
  assignEvaluator,
  issueToken,
  makeAgency,
  makeApplication,
  makePeriod,
  makeUnit,
  makeUser,
} from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { http } from '../support/http';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;
/** A real 1×1 PNG, so that the inline preview has something to show. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);

describeInBrowser('reviewing evidence with the keyboard', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
  });
  afterAll(() => stopBrowserApp(started));

  const statusOf = (page: Page, id: string) => page.locator(`#item-${id}`).getAttribute('data-status');
  const verified18 = (page: Page) => page.locator('[data-values="18"] [data-verified]').textContent();
  /** Waits until the element with this id has the focus (the page's script sets it after load). */
  const expectFocus = (page: Page, id: string) =>
    page.waitForFunction((wanted) => document.activeElement?.id === wanted, id, { timeout: 15000 });

  it('accepts, returns and rejects items with j / k / a / r / x, and the verified level follows', async () => {
    const ds = t.app.get(DataSource);
    const period = await makePeriod(ds, { year: 2026, asOf: '2026-10-31' });
    const agency = await makeAgency(ds, { name: 'Kabupaten Papan Ketik' });
    const units = [await makeUnit(ds, agency), await makeUnit(ds, agency)];
    for (const u of units) await makeApplication(ds, u, 'spl');
    const operator = `Bearer ${await issueToken(ds, await makeUser(ds, 'operator', agency))}`;
    const upload = async (title: string, unitId: string, file: [Buffer, string]) =>
      (
        await http(t.app)
          .post(`/api/v1/agencies/${agency.id}/evidence`)
          .set('Authorization', operator)
          .field('kind', 'api_list')
          .field('title', title)
          .field('documentDate', '2026-03-01')
          .field('indicators', '18')
          .field('unitIds', unitId)
          .field('status', 'submitted')
          .attach('files', file[0], file[1])
          .expect(201)
      ).body.id as string;
    const a = await upload('Tangkapan layar SPL', units[0].id, [PNG, 'layar.png']);
    const b = await upload('Daftar API dua', units[1].id, [pdf('b'), 'daftar.pdf']);
    const c = await upload('Daftar API lama', units[1].id, [pdf('c'), 'lama.pdf']);
    await ds.query("UPDATE period SET stage = 'document_review' WHERE id = $1", [period.id]);
    await ds.query(
      `INSERT INTO agency_submission (agency_id, period_id, submitted_by, submitted_by_name, warnings)
       VALUES ($1, $2, gen_random_uuid(), 'koordinator', '{}')`,
      [agency.id, period.id],
    );
    await t.app.get(NationalRecompute).recompute([agency.id]);
    const evaluator = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, evaluator, agency, period);

    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await signIn(page, baseUrl, evaluator.username);
    await page.getByRole('link', { name: 'Penilaian' }).click();
    await page.getByRole('link', { name: 'Kabupaten Papan Ketik' }).click();

    await expectFocus(page, `item-${a}`);
    // The page opens at its top (validation forms in view); the lazy preview loads once scrolled to.
    await page.locator(`#item-${a} img`).scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (id) => (document.querySelector(`#item-${id} img`) as HTMLImageElement | null)?.complete === true,
      a,
    );
    await expect(
      page.locator(`#item-${a} img`).evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).resolves.toBe(1);
    await expect(verified18(page)).resolves.toBe('0');

    await page.keyboard.press('a');
    // The decision reloads the page; a locator waits through the navigation.
    await page.locator(`#item-${a}[data-status="accepted"]`).waitFor();
    await expect(statusOf(page, a)).resolves.toBe('accepted');
    await expect(verified18(page)).resolves.toBe('2');
    await expectFocus(page, `item-${b}`);

    // A return needs a reason: r moves to the reason list, Enter in the details sends.
    await page.keyboard.press('r');
    await expectFocus(page, `reason-${b}`);
    await page.selectOption(`#reason-${b}`, 'illegible');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Halaman dua buram');
    await page.keyboard.press('Enter');
    await page.locator(`#item-${b}[data-status="needs_revision"]`).waitFor();
    await expectFocus(page, `item-${c}`);
    await expect(page.locator(`#item-${b}`).textContent()).resolves.toContain('Halaman dua buram');

    await page.keyboard.press('k');
    await expectFocus(page, `item-${b}`);
    await page.keyboard.press('j');
    await expectFocus(page, `item-${c}`);
    await page.keyboard.press('x');
    await expectFocus(page, `reason-${c}`);
    await page.selectOption(`#reason-${c}`, 'out_of_date');
    // The last item comes back to itself: wait for the page to load again.
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await expect(statusOf(page, c)).resolves.toBe('rejected');
    await expect(verified18(page)).resolves.toBe('2');
    expect(errors).toEqual([]);
  });
});
