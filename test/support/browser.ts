import { existsSync } from 'node:fs';
import { Browser, Page, chromium } from 'playwright-core';
import { TEST_PASSWORD } from '../factories';
import { TestApp, createTestApp } from './test-app';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests run where Debian's Chromium is installed (CI installs it) and say so when skipped. */
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

if (!chromiumAvailable) {
  process.stderr.write(
    `Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).\n`,
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface BrowserApp {
  t: TestApp;
  browser: Browser;
  /** http://127.0.0.1:PORT of the app, listening on a free port. */
  baseUrl: string;
}

/** The real app listening on a free port, and a headless Chromium to drive it. */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  const t = await createTestApp(env);
  await t.app.listen(0, '127.0.0.1');
  const baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  return { t, baseUrl, browser: await launchBrowser() };
}

export async function stopBrowserApp(started: Partial<BrowserApp>): Promise<void> {
  await started.browser?.close();
  await started.t?.close();
}

/** Signs in through the login form, as a person does, and waits for the page it lands on. */
export async function signIn(page: Page, baseUrl: string, username: string, landing = `${baseUrl}/`) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(landing);
}
