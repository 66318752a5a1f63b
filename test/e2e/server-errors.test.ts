import { createServer } from 'node:http';
import request from 'supertest';
import { checkServerErrors, expectServerErrors, watchServerErrors } from '../support/server-errors';

/** The hook that fails the run on any 500 (test/support/fail-on-server-errors.ts) really does. */
describe('the server-error hook', () => {
  const server = createServer((req, res) => {
    res.statusCode = req.url === '/boom' ? 500 : 200;
    res.end();
  });
  watchServerErrors(server);
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('fails on a 500 the test did not declare, naming the request', async () => {
    await request(server).get('/boom').expect(500);
    expect(() => checkServerErrors()).toThrow(/answered 500 to:\n {2}GET \/boom/);
    await request(server).get('/fine').expect(200);
    expect(() => checkServerErrors()).not.toThrow();
  });

  it('lets a declared 500 pass', async () => {
    expectServerErrors();
    await request(server).get('/boom').expect(500);
    expect(() => checkServerErrors()).not.toThrow();
  });
});
