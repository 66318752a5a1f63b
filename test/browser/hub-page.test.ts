import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ndjson, publisherApiList } from '../../src/hub/hub-fixtures.testing';
import { makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { BrowserApp, chromiumAvailable, signIn, startBrowserApp, stopBrowserApp } from '../support/browser';
import { TestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

describeInBrowser('the hub page in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let started: Partial<BrowserApp> = {};

  beforeAll(async () => {
    started = await startBrowserApp();
    ({ t, browser, baseUrl } = started as BrowserApp);
  });
  afterAll(() => stopBrowserApp(started));

  it('imports files through the form and draws the charts under the strict CSP', async () => {
    const ds = t.app.get(DataSource);
    await makePeriod(ds, { year: 2026, asOf: '2026-12-31' });
    const agency = await makeAgency(ds, { code: 'browser-hub' });
    await makeUnit(ds, agency, { code: 'DISKOMINFO' });
    const user = await makeUser(ds, 'coordinator', agency);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, baseUrl, user.username);

    await page.goto(`${baseUrl}/agencies/${agency.id}/hub?year=2026`);
    const upload = async (name: string, content: string) => {
      await page.setInputFiles('#hub-file', {
        name,
        mimeType: 'application/octet-stream',
        buffer: Buffer.from(content),
      });
      await page.click('[data-hub-import] button[type=submit]');
      await page.waitForURL(/\/hub\?imported=/);
    };
    await upload('apis.json', publisherApiList([{ id: 'api-b', name: 'Kominfo' }]));
    await upload(
      'events.ndjson',
      ndjson([
        { apiId: 'api-b', at: '2026-02-01T00:00:00Z', latency: 30 },
        { apiId: 'api-b', at: '2026-03-01T00:00:00Z', code: 500, latency: 60 },
      ]),
    );
    await page.goto(`${baseUrl}/agencies/${agency.id}/hub?year=2026`);
    await expect(page.locator('[data-history] tbody tr').count()).resolves.toBe(2);
    await page.waitForSelector('#hub-calls-chart[data-rendered=true]');
    await expect(page.locator('[data-figure=calls]').textContent()).resolves.toBe('2');
    await expect(page.locator('nav.subnav a[aria-current=page]').textContent()).resolves.toBe('Data SPL');
    expect(errors).toEqual([]);
  });
});
