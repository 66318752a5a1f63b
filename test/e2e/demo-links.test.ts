import { DataSource } from 'typeorm';
import { User } from '../../src/users/user.entity';
import { issueToken } from '../factories';
import { browserSession, http } from '../support/http';
import { visibleText } from '../support/visible-text';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * A person never stumbles (issue 19): in the demo, every link a page offers a role leads to a
 * page that works for that role. Each demo account follows the links of its pages from the home
 * page, breadth first, one page per kind of address (ids and years folded), and every page must
 * answer 2xx without "NaN" or "undefined" in its text. A link to a page the role may not open
 * (403), a page that fails (5xx) or a number that is not one fails the test with the page that
 * offered the link.
 */
// The operator and the internal assessor see what the coordinator and the leader see, or less.
const ROLES = ['koordinator', 'evaluator', 'pimpinan', 'koordinator2', 'admin'];
const PAGES_PER_ROLE = 40;
/** Not pages: signing out, the API, files, exports and in-page anchors. */
const SKIP = /^\/(logout|api\/)|\.(pdf|xlsx|zip|csv|json)\b|[?&]format=|\/download|\/files\/|#/;

const kindOf = (path: string) =>
  path
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id')
    .replace(/\/\d{4}(?=\/|$|\?)/g, '/:year')
    .replace(/\?.*$/, '');

function links(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)]
    .map((m) => m[1].replace(/&amp;/g, '&'))
    .filter((href) => href.startsWith('/') && !href.startsWith('//') && !SKIP.test(href));
}

describe('every link of the demo leads somewhere that works', () => {
  let t: TestApp;
  let ds: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ DEMO: 'true' });
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it.each(ROLES)('for %s', async (username) => {
    const user = await ds.getRepository(User).findOneByOrFail({ username });
    const { cookie } = browserSession(t.config.sessionSecret, await issueToken(ds, user, 'session'));
    const seen = new Set<string>();
    const queue: { path: string; from: string }[] = [{ path: '/', from: '(start)' }];
    const problems: string[] = [];
    while (queue.length && seen.size < PAGES_PER_ROLE) {
      const { path, from } = queue.shift()!;
      if (seen.has(kindOf(path))) continue;
      seen.add(kindOf(path));
      const res = await http(t.app).get(path).set('Cookie', cookie).set('Accept', 'text/html').redirects(3);
      if (res.status >= 400) {
        problems.push(`${res.status} ${path} (linked from ${from})`);
        continue;
      }
      if (!String(res.headers['content-type'] ?? '').includes('text/html')) continue;
      const text = visibleText(res.text);
      const broken = /\bNaN\b|\bundefined\b|\[object Object\]/.exec(text);
      if (broken)
        problems.push(
          `${path}: "${text.slice(Math.max(0, broken.index - 80), broken.index + 30)}" (linked from ${from})`,
        );
      for (const link of links(res.text)) if (!seen.has(kindOf(link))) queue.push({ path: link, from: path });
    }
    expect(seen.size).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });
});
