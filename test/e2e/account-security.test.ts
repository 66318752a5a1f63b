import { DataSource } from 'typeorm';
import { SESSION_COOKIE } from '../../src/access/access.guard';
import { CSRF_COOKIE } from '../../src/web/csrf';
import { Agency } from '../../src/agencies/agency.entity';
import { User } from '../../src/users/user.entity';
import { TEST_PASSWORD, issueToken, makeAgency, makePeriod, makeUser } from '../factories';
import { browserSession, cookieValue, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/** Findings of the independent probe (issue 17) on accounts, logins and answers to bad input. */
describe('account security', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let admin: User;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '3' });
    ds = t.app.get(DataSource);
    agency = await makeAgency(ds);
    admin = await makeUser(ds, 'admin', null);
    await makePeriod(ds, { year: 2026 });
  });
  afterAll(() => t.close());

  const bearer = async (user: User) => `Bearer ${await issueToken(ds, user, 'access')}`;
  const apiLogin = (username: unknown, password: unknown) =>
    http(t.app).post('/api/v1/auth/login').send({ username, password });
  const personalToken = async (user: User) =>
    (
      await http(t.app)
        .post('/api/v1/auth/tokens')
        .set('Authorization', await bearer(user))
        .send({ name: 'push' })
        .expect(201)
    ).body.token as string;
  const me = (token: string) => http(t.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  describe('personal API tokens', () => {
    it('stop working when the owner changes the password', async () => {
      const user = await makeUser(ds, 'coordinator', agency);
      const pat = await personalToken(user);
      await me(pat).expect(200);
      await http(t.app)
        .put('/api/v1/auth/password')
        .set('Authorization', await bearer(user))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'kopi susu panas di pagi hari' })
        .expect(204);
      await me(pat).expect(401);
    });

    it('stop working when an admin resets the password', async () => {
      const user = await makeUser(ds, 'operator', agency);
      const pat = await personalToken(user);
      await http(t.app)
        .post(`/api/v1/users/${user.id}/password-reset`)
        .set('Authorization', await bearer(admin))
        .send({ password: 'temporary-pass-9' })
        .expect(204);
      await me(pat).expect(401);
    });
  });

  describe('login', () => {
    it('answers 400, not 500, to a username that is a number or contains NUL', async () => {
      const number = await apiLogin(123, 'whatever-password');
      expect(number.status).toBe(400);
      expect(number.body.message).toMatch(/harus berupa teks/);
      const nul = await apiLogin('adm\u0000in', 'whatever-password');
      expect(nul.status).toBe(400);
      expect(nul.body.message).toMatch(/NUL/);
      const deep = await http(t.app)
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"username":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`);
      expect(deep.status).toBe(400);
    });

    it('does not lock again on the first wrong password after a lock has run out', async () => {
      const user = await makeUser(ds, 'operator', agency);
      // Three failures locked the account; the lock has since run out.
      await ds.query(
        `UPDATE app_user SET failed_logins = 3, locked_until = now() - interval '1 minute' WHERE id = $1`,
        [user.id],
      );
      const wrong = await apiLogin(user.username, 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('login.failed');
      await apiLogin(user.username, TEST_PASSWORD).expect(200);
    });

    it('says "too many failed logins" for a name that is no account, as for an account', async () => {
      const user = await makeUser(ds, 'operator', agency);
      const answers = async (username: string) => {
        const messages: string[] = [];
        for (let i = 0; i < 4; i++)
          messages.push((await apiLogin(username, 'not-the-password')).body.message);
        return messages;
      };
      const existing = await answers(user.username);
      const unknown = await answers('nobody-by-this-name');
      expect(existing[3]).toMatch(/^Terlalu banyak percobaan gagal/);
      expect(unknown).toEqual(existing);
    });

    it('gives a new CSRF cookie at login, so a token seen before signing in is worthless after', async () => {
      const user = await makeUser(ds, 'coordinator', agency);
      const before = browserSession(t.config.sessionSecret);
      const res = await http(t.app)
        .post('/login')
        .set('Cookie', before.cookie)
        .set('Accept', 'text/html')
        .type('form')
        .send({ _csrf: before.csrf, username: user.username, password: TEST_PASSWORD })
        .expect(303);
      const rotated = cookieValue(res.headers['set-cookie'] as unknown as string[], CSRF_COOKIE);
      expect(rotated).toBeDefined();
      expect(before.cookie).not.toContain(rotated);
      // The old token with the new session: refused.
      const session = cookieValue(res.headers['set-cookie'] as unknown as string[], SESSION_COOKIE)!;
      await http(t.app)
        .post('/logout')
        .set('Cookie', `${CSRF_COOKIE}=${rotated}; ${SESSION_COOKIE}=${session}`)
        .set('Accept', 'text/html')
        .type('form')
        .send({ _csrf: before.csrf })
        .expect(403);
    });
  });

  describe('passwords', () => {
    it.each([
      ['ten of one letter', 'aaaaaaaaaa'],
      ['digits in order', '1234567890'],
      ['ten spaces', ' '.repeat(10)],
      ['ten NULs', '\u0000'.repeat(10)],
      ['a common word with digits', 'password123'],
    ])('refuses %s', async (_name, password) => {
      const user = await makeUser(ds, 'operator', agency);
      const res = await http(t.app)
        .put('/api/v1/auth/password')
        .set('Authorization', await bearer(user))
        .send({ currentPassword: TEST_PASSWORD, newPassword: password });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/newPassword|NUL/);
    });

    it('accepts a passphrase of ordinary words', async () => {
      const user = await makeUser(ds, 'operator', agency);
      await http(t.app)
        .put('/api/v1/auth/password')
        .set('Authorization', await bearer(user))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'nasi goreng kambing pedas' })
        .expect(204);
    });

    it('makes a person a coordinator created change the password at the first login', async () => {
      const coordinator = await makeUser(ds, 'coordinator', agency);
      await http(t.app)
        .post('/api/v1/users')
        .set('Authorization', await bearer(coordinator))
        .send({
          username: 'op.baru',
          displayName: 'Operator Baru',
          role: 'operator',
          password: 'operator-pass-1',
        })
        .expect(201);
      const login = await apiLogin('op.baru', 'operator-pass-1').expect(200);
      const blocked = await http(t.app)
        .get(`/api/v1/agencies/${agency.id}/units`)
        .set('Authorization', `Bearer ${login.body.accessToken}`)
        .expect(403);
      expect(blocked.body.message).toMatch(/Ganti kata sandi Anda sebelum melanjutkan/);
    });
  });

  describe('caching', () => {
    it('marks signed-in JSON and pages no-store', async () => {
      const user = await makeUser(ds, 'coordinator', agency);
      const json = await http(t.app)
        .get('/api/v1/auth/me')
        .set('Authorization', await bearer(user))
        .expect(200);
      expect(json.headers['cache-control']).toBe('no-store');
      const { cookie } = browserSession(t.config.sessionSecret, await issueToken(ds, user, 'session'));
      const page = await http(t.app).get('/account').set('Cookie', cookie).expect(200);
      expect(page.headers['cache-control']).toBe('no-store');
    });
  });

  describe('bad input answers 400', () => {
    it.each([
      ['a page number of 1e308', `/api/v1/agencies/:agencyId/units?page=1e308`, /^page: /],
      ['a NUL in q', `/api/v1/agencies/:agencyId/units?q=%00`, /^q: .*NUL/],
      [
        'a repeated q',
        `/api/v1/agencies/:agencyId/units?q=a&q=b`,
        /^q: berikan parameter ini satu kali saja/,
      ],
      ['a year above int32 in the path', `/api/v1/agencies/:agencyId/periods/99999999999/levels`, /^year: /],
      [
        'a year that is no integer in the query',
        `/api/v1/agencies/:agencyId/evidence?year=2026.5`,
        /^year: /,
      ],
    ])('for %s', async (_name, path, message) => {
      const user = await makeUser(ds, 'coordinator', agency);
      const res = await http(t.app)
        .get(path.replace(':agencyId', agency.id))
        .set('Authorization', await bearer(user));
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(message);
    });

    it('for NUL and lone surrogates in a text field, writing nothing', async () => {
      const user = await makeUser(ds, 'coordinator', agency);
      for (const name of ['Dinas\u0000', 'Dinas \ud800', 'Dinas \udc00x']) {
        const res = await http(t.app)
          .post(`/api/v1/agencies/${agency.id}/units`)
          .set('Authorization', await bearer(user))
          .send({ code: 'NUL1', name, kind: 'dinas' });
        expect(res.status).toBe(400);
        expect(res.body.message).toMatch(
          /^name: tidak boleh berisi karakter NUL atau surrogate tanpa pasangan/,
        );
        expect(res.body.code).toBe('msg.input.bad_text');
      }
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM unit WHERE code = 'NUL1'`);
      expect(n).toBe(0);
    });

    it('for an admin write naming an agency that does not exist', async () => {
      const res = await http(t.app)
        .post('/api/v1/users')
        .set('Authorization', await bearer(admin))
        .send({
          username: 'ghost.op',
          displayName: 'Ghost',
          role: 'operator',
          password: 'operator-pass-1',
          agencyId: '00000000-0000-4000-8000-000000000000',
        });
      expect(res.status).toBe(400);
    });

    it('and sorts by name for a prototype key', async () => {
      const { cookie } = browserSession(t.config.sessionSecret, await issueToken(ds, admin, 'session'));
      for (const sort of ['__proto__', 'hasOwnProperty', 'constructor'])
        await http(t.app).get(`/agencies?sort=${sort}`).set('Cookie', cookie).expect(200);
    });
  });
});
