import { DataSource } from 'typeorm';
import { SESSION_COOKIE } from '../../src/access/access.guard';
import { CSRF_COOKIE, csrfToken } from '../../src/web/csrf';
import { User } from '../../src/users/user.entity';
import { TEST_PASSWORD, makeAgency, makeUser } from '../factories';
import { browserSession, cookieValue, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/** Attacks on sessions beyond the route matrix: fixation, cross-site forms, replay after logout. */
describe('session security', () => {
  let t: TestApp;
  let ds: DataSource;
  let victim: User;
  let attacker: User;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    const agency = await makeAgency(ds);
    victim = await makeUser(ds, 'coordinator', agency);
    attacker = await makeUser(ds, 'operator', await makeAgency(ds));
  });
  afterAll(() => t.close());

  const login = (cookie: string, csrf: string, username: string) =>
    http(t.app)
      .post('/login')
      .set('Cookie', cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: csrf, username, password: TEST_PASSWORD, next: '/' });

  const sessionOf = (res: { headers: Record<string, unknown> }) =>
    cookieValue(res.headers['set-cookie'] as string[], SESSION_COOKIE);

  const whoAmI = (session: string) =>
    http(t.app).get('/api/v1/auth/me').set('Cookie', `${SESSION_COOKIE}=${session}`);

  it('never adopts a session id planted before login (fixation)', async () => {
    const planted = 'attacker-chosen-session-value-0123456789abcdef';
    const { cookie, csrf } = browserSession(t.config.sessionSecret);
    const res = await login(`${cookie}; ${SESSION_COOKIE}=${planted}`, csrf, victim.username).expect(303);
    const issued = sessionOf(res);
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    expect((await whoAmI(planted)).status).toBe(401);
    expect((await whoAmI(issued!)).body.username).toBe(victim.username);
  });

  it('gives a new session at each login, even when the browser already had a valid one', async () => {
    const first = browserSession(t.config.sessionSecret);
    const attackerSession = sessionOf(await login(first.cookie, first.csrf, attacker.username).expect(303))!;
    // The attacker's own, valid session is planted in the victim's browser; the victim signs in.
    const second = browserSession(t.config.sessionSecret);
    const res = await login(
      `${second.cookie}; ${SESSION_COOKIE}=${attackerSession}`,
      second.csrf,
      victim.username,
    );
    const victimSession = sessionOf(res)!;
    expect(victimSession).not.toBe(attackerSession);
    expect((await whoAmI(victimSession)).body.username).toBe(victim.username);
    expect((await whoAmI(attackerSession)).body.username).toBe(attacker.username);
  });

  it('refuses a change posted from another site: no token, a token for another browser, a forged one', async () => {
    const mine = browserSession(t.config.sessionSecret);
    const session = sessionOf(await login(mine.cookie, mine.csrf, victim.username).expect(303))!;
    // A valid token, but for another browser's CSRF cookie.
    const other = { csrf: csrfToken(t.config.sessionSecret, 'another-browser-csrf-cookie-0123456789') };
    const post = (csrf?: string) =>
      http(t.app)
        .post('/account/password')
        .set('Cookie', `${mine.cookie}; ${SESSION_COOKIE}=${session}`)
        .set('Accept', 'text/html')
        .type('form')
        .send({
          ...(csrf ? { _csrf: csrf } : {}),
          currentPassword: TEST_PASSWORD,
          newPassword: 'x'.repeat(16),
        });
    expect((await post()).status).toBe(403);
    expect((await post(other.csrf)).status).toBe(403);
    expect((await post('forged-token-value')).status).toBe(403);
    // The password is unchanged: the victim still signs in with the old one.
    const again = browserSession(t.config.sessionSecret);
    expect((await login(again.cookie, again.csrf, victim.username)).status).toBe(303);
  });

  it('ends the session at logout: the old cookie is useless afterwards', async () => {
    const s = browserSession(t.config.sessionSecret);
    const session = sessionOf(await login(s.cookie, s.csrf, victim.username).expect(303))!;
    expect((await whoAmI(session)).status).toBe(200);
    await http(t.app)
      .post('/logout')
      .set('Cookie', `${s.cookie}; ${SESSION_COOKIE}=${session}`)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: s.csrf })
      .expect(303);
    expect((await whoAmI(session)).status).toBe(401);
  });

  it('keeps the CSRF cookie out of scripts and the session cookie HttpOnly', async () => {
    const s = browserSession(t.config.sessionSecret);
    const res = await login(s.cookie, s.csrf, victim.username).expect(303);
    const cookies = ([] as string[]).concat((res.headers['set-cookie'] as unknown as string[]) ?? []);
    const session = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(session).toMatch(/HttpOnly/i);
    const page = await http(t.app).get('/login');
    const csrfCookie = ([] as string[])
      .concat((page.headers['set-cookie'] as unknown as string[]) ?? [])
      .find((c) => c.startsWith(`${CSRF_COOKIE}=`));
    expect(csrfCookie).toMatch(/HttpOnly/i);
  });
});
