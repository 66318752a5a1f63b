import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JobQueue } from '../../src/jobs/job-queue';
import { User } from '../../src/users/user.entity';
import { issueToken, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

/** What the roll-up page says about a job before it starts and after it failed for good. */
describe('roll-up job states', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: User;
  let cookie: string;

  /** A job row as the reports page creates it (not yet sent to the queue). */
  const newJob = async (year: number): Promise<string> => {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO rollup_job (id, user_id, year, request, file_key, file_name) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        id,
        admin.id,
        year,
        JSON.stringify({ actor: { userId: admin.id }, query: {}, lang: 'en' }),
        `reports/${id}.pdf`,
        `spbe-rollup-${year}.pdf`,
      ],
    );
    return id;
  };
  const page = (id: string) => http(t.app).get(`/reports/jobs/${id}`).set('Cookie', cookie).expect(200);

  beforeAll(async () => {
    // No retries: the first failed attempt is the last one.
    t = await createTestApp({ JOB_RETRY_LIMIT: '0' });
    ds = t.app.get(DataSource);
    admin = await makeUser(ds, 'admin', null);
    cookie = browserSession(t.config.sessionSecret, await issueToken(ds, admin, 'session')).cookie;
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a job no instance has taken yet as waiting in the queue, not as in progress', async () => {
    const id = await newJob(2026);
    const res = await page(id);
    expect(res.text).toContain('Menunggu dalam antrean');
    expect(res.text).not.toContain('Sedang dibuat');
    expect(res.headers.refresh).toBeDefined();
  });

  it('marks a job whose last attempt failed as failed, with the error, and stops refreshing', async () => {
    const id = await newJob(1999); // no evaluation period for 1999: every attempt fails
    await t.app.get(JobQueue).send('rollup', { id });
    let row: { status: string; error: string | null } = { status: 'queued', error: null };
    for (let i = 0; i < 100 && row.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      [row] = (await ds.query('SELECT status, error FROM rollup_job WHERE id = $1', [id])) as [typeof row];
    }
    expect(row).toEqual({ status: 'failed', error: 'Belum ada periode evaluasi 1999.' });
    const res = await page(id);
    expect(res.text).toContain('Belum ada periode evaluasi 1999.');
    expect(res.headers.refresh).toBeUndefined();
  });
});
