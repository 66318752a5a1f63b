/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Page } from 'playwright-core';
import ID_MESSAGES from '../../src/i18n/messages/id.json';

/** The two widths every main page must fit: a common laptop and a phone. */
export const WIDTHS = [1366, 390] as const;

/** With SCREENSHOT_DIR set, screenshots of the checked pages at both widths land there. */
export const SHOT_DIR = process.env.SCREENSHOT_DIR;

const CATALOGUE_KEYS = new Set(Object.keys(ID_MESSAGES));
const KEY_LIKE = /\b[a-z]+(?:\.[a-z0-9_]+)+\b/g;

/**
 * English that reached Indonesian pages before (server messages, refusals); any of them on an
 * Indonesian page is a message that did not come from the catalogue.
 */
export const ENGLISH_PHRASES = [
  'Workflow lock',
  'required when',
  'required because',
  'Your role',
  'may not do this',
  'must be',
  'should not be empty',
  'Not Found',
  'Bad Request',
  'Forbidden',
  'Internal server error',
  'item(s)',
];

/**
 * English still shown today by pages another branch is translating; tolerated until it lands,
 * then this list must be emptied (the journeys then fail on them).
 * depends on issue-19-messages: "1 item(s)" in the change history of an evidence item.
 */
export const PENDING_ON_ISSUE_19_MESSAGES: string[] = [];

/** Catalogue keys shown as text instead of their message. */
export function rawKeys(text: string): string[] {
  return [...new Set(text.match(KEY_LIKE) ?? [])].filter((word) => CATALOGUE_KEYS.has(word));
}

export function englishPhrases(text: string): string[] {
  return ENGLISH_PHRASES.filter(
    (phrase) => text.includes(phrase) && !PENDING_ON_ISSUE_19_MESSAGES.includes(phrase),
  );
}

/** Serious and critical axe-core violations of the page, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page itself: no helper page per check (there are no iframes).
  const result = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/**
 * Whether the page fits the width without a horizontal scroll bar (and a screenshot, with
 * SCREENSHOT_DIR). Restores the previous viewport.
 */
export async function overflowAt(page: Page, width: number, name: string): Promise<string | null> {
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: 900 });
  const sizes = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  if (SHOT_DIR) {
    mkdirSync(SHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SHOT_DIR, `${name}-${width}.png`) });
  }
  if (before) await page.setViewportSize(before);
  return sizes.scroll > sizes.inner ? `${width}px: page is ${sizes.scroll}px wide` : null;
}

/**
 * Everything a person would notice is wrong with the page now shown: an error page, a raw
 * catalogue key, English on an Indonesian page, a serious accessibility violation, or a page
 * wider than the screen at 1366 or 390 pixels. An empty list means the page is fine.
 */
export async function pageProblems(page: Page, name: string): Promise<string[]> {
  const problems: string[] = [];
  const text = await page.locator('body').innerText();
  const lang = await page.locator('html').getAttribute('lang');
  if ((await page.locator('main h1').first().textContent())?.includes('Terjadi kesalahan')) {
    problems.push(`error page: ${text.slice(0, 200)}`);
  }
  for (const key of rawKeys(text)) problems.push(`raw key ${key}`);
  if (lang === 'id') for (const phrase of englishPhrases(text)) problems.push(`English "${phrase}"`);
  for (const violation of await axeViolations(page)) problems.push(`axe ${violation}`);
  for (const width of WIDTHS) {
    const overflow = await overflowAt(page, width, name);
    if (overflow) problems.push(overflow);
  }
  return problems.map((p) => `${name} (${page.url()}): ${p}`);
}
