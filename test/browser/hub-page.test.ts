import { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ndjson, publisherApiList } from '../../src/hub/hub-fixtures.testing';
import { TEST_PASSWORD, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { chromiumAvailable, launchBrowser } from '../support/browser';
import { TestApp, createTestApp } from '../support/test-app';

const describeInBrowser = chromiumAvailable ? describe : describe.skip;

describeInBrowser('the hub page in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

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
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', user.username);
    await page.fill('#password', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${baseUrl}/`);

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
