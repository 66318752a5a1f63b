import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { issueToken, makeAgency, makeEvidence, makePeriod, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { RouteInfo, listRoutes } from '../support/routes';
import { TestApp, createTestApp } from '../support/test-app';

/**
 * Hostile values on every registered route, as an admin (who reaches every object): numbers out
 * of range, NUL and lone surrogates, prototype keys, repeated parameters, deep nesting. Each
 * answer is a 2xx, 3xx or 4xx; the server-error hook (test/support/server-errors.ts) fails the
 * run on any 500 as well.
 */
const QUERIES = [
  'page=1e308',
  'page=9007199254740993',
  'pageSize=1e308',
  'q=%00',
  'q=%ED%A0%80',
  'q=a&q=b',
  'year=99999999999',
  'year=1.5',
  'year=1e308',
  'year=2026&year=2027',
  'sort=__proto__',
  'sort=hasOwnProperty',
  'sort=constructor',
  'order=__proto__',
  'unitId=00000000-0000-4000-8000-000000000000',
  '__proto__[x]=1',
  'lang=%00',
];
const PATH_VALUES: Record<string, string[]> = {
  year: ['99999999999', '1.5', '1e308', '-1', '0x10'],
  indicator: ['99999999999', '1.5', '7e0'],
};
const BODIES = [
  '{"name":"\\u0000","title":"\\u0000","q":"\\u0000"}',
  '{"name":"\\ud800","title":"x\\udc00"}',
  '{"agencyId":"00000000-0000-4000-8000-000000000000","year":99999999999}',
  '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
];
const DEEP = `{"a":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;

describe('hostile values on every route', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  let params: Record<string, string>;
  let bearer: string;
  let session: string;

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.app.get(DataSource);
    const period = await makePeriod(ds);
    const agency: Agency = await makeAgency(ds);
    const unit = await makeUnit(ds, agency);
    const evidence = await makeEvidence(ds, agency, period);
    const admin = await makeUser(ds, 'admin', null);
    bearer = `Bearer ${await issueToken(ds, admin, 'access')}`;
    session = await issueToken(ds, admin, 'session');
    params = {
      agencyId: agency.id,
      unitId: unit.id,
      evidenceId: evidence.id,
      year: String(period.year),
      indicator: '18',
      template: 'usage',
      entityType: 'unit',
      entityId: unit.id,
    };
    routes = listRoutes(t.app).filter(
      (r) => !r.path.startsWith('/api/docs') && r.path !== '/login' && r.path !== '/logout',
    );
  });
  afterAll(() => t.close());

  const fill = (path: string, values: Record<string, string>) =>
    path.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? '00000000-0000-4000-8000-000000000000');

  function send(route: RouteInfo, path: string, body?: unknown, raw?: string) {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = http(t.app)[method](path);
    if (path.startsWith('/api/')) req = req.set('Authorization', bearer);
    else {
      const s = browserSession(t.config.sessionSecret, session);
      req = req.set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).set('Accept', 'text/html');
    }
    if (method === 'get') return req;
    return req.set('Content-Type', 'application/json').send(raw ?? JSON.stringify(body ?? {}));
  }

  const failures = (list: string[]) => list.slice(0, 40);

  it('answers hostile query strings without a server error', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      for (const q of QUERIES) {
        const res = await send(route, `${fill(route.path, params)}?${q}`);
        if (res.status >= 500) wrong.push(`${route.method} ${route.path}?${q}: ${res.status}`);
      }
    }
    expect(failures(wrong)).toEqual([]);
  }, 600_000);

  it('answers out-of-range and non-integer numbers in the path with a 4xx', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      for (const [name, values] of Object.entries(PATH_VALUES)) {
        if (!route.path.includes(`:${name}`)) continue;
        for (const value of values) {
          const res = await send(route, fill(route.path, { ...params, [name]: value }), {});
          if (res.status >= 500 || res.status < 400)
            wrong.push(`${route.method} ${route.path} with :${name}=${value}: ${res.status}`);
        }
      }
    }
    expect(failures(wrong)).toEqual([]);
  }, 600_000);

  it('answers hostile bodies, and 10,000-deep JSON, on every write without a server error', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const path = fill(route.path, params);
      for (const body of BODIES) {
        const res = await send(route, path, body);
        if (res.status >= 500)
          wrong.push(`${route.method} ${route.path} ${JSON.stringify(body)}: ${res.status}`);
      }
      const deep = await send(route, path, undefined, DEEP);
      if (deep.status >= 500 || deep.status < 400)
        wrong.push(`${route.method} ${route.path} deep: ${deep.status}`);
    }
    expect(failures(wrong)).toEqual([]);
  }, 600_000);
});
