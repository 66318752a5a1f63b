import { DataSource } from 'typeorm';
import { Agency } from '../../src/agencies/agency.entity';
import { User } from '../../src/users/user.entity';
import { assignEvaluator, issueToken, makeAgency, makePeriod, makeUnit, makeUser } from '../factories';
import { browserSession, http } from '../support/http';
import { TestApp, createTestApp } from '../support/test-app';

describe('the evaluator’s validation form', () => {
  let t: TestApp;
  let ds: DataSource;
  let agency: Agency;
  let evaluator: User;
  let session: { cookie: string; csrf: string };

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    const period = await makePeriod(ds, { year: 2026, stage: 'document_review' });
    agency = await makeAgency(ds, { name: 'Kota Validasi' });
    await makeUnit(ds, agency);
    evaluator = await makeUser(ds, 'evaluator', null);
    await assignEvaluator(ds, evaluator, agency, period);
    session = browserSession(t.config.sessionSecret, await issueToken(ds, evaluator, 'session'));
  });
  afterAll(() => t.close());

  it('posts to the review page’s own address and keeps the chosen level and note when refused', async () => {
    const review = `/review/agencies/${agency.id}?year=2026`;
    const page = await http(t.app)
      .get(review)
      .set('Cookie', session.cookie)
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.text).toContain(`<form method="post" action="${review.replace('&', '&amp;')}" class="form">`);
    const refused = await http(t.app)
      .post(review)
      .set('Cookie', session.cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: session.csrf, indicator: '18', year: '2026', validatedLevel: '4', note: '' })
      .expect(400);
    expect(refused.text).toContain('role="alert"');
    expect(refused.text).toMatch(
      /<select id="validated-18" name="validatedLevel">[\s\S]*?<option value="4" selected>/,
    );
    const kept = await http(t.app)
      .post(review)
      .set('Cookie', session.cookie)
      .set('Accept', 'text/html')
      .type('form')
      .send({ _csrf: session.csrf, indicator: '7', year: '2026', validatedLevel: '9', note: 'Catatan saya' })
      .expect(400);
    expect(kept.text).toContain('Catatan saya</textarea>');
  });
});
