import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { copyTemplate, serverUrl } from '../support/template';
import { collect, spawnEntry, waitForOutput } from '../support/process';
import { TestDatabase, createTestDatabase } from '../support/test-database';

/** Starts src/main.ts as `npm start` would and returns its URL. */
async function startServer(env: Record<string, string | undefined>) {
  const child = spawnEntry('src/main.ts', [], {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_PRETTY: 'false',
    NODE_ENV: 'development',
    ...env,
  });
  const [, url] = await waitForOutput(child, /Listening on (http:\/\/[^\s"]+)/);
  return { child, url };
}

async function stopWith(child: ReturnType<typeof spawnEntry>, signal: NodeJS.Signals) {
  const finished = collect(child);
  child.kill(signal);
  return finished;
}

const embeddedOnly = serverUrl() ? describe.skip : describe;
const serverOnly = serverUrl() ? describe : describe.skip;

embeddedOnly('npm start on the embedded database', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'spbe-start-'));
    copyTemplate(join(dataDir, 'pglite')); // a migrated data folder, to skip initdb
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves, shuts down cleanly on SIGTERM and SIGINT, and keeps data across restarts', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: undefined, DEMO: 'false' };
    const first = await startServer(env);
    const health = await (await fetch(`${first.url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'embedded' });

    const owner = JSON.parse(readFileSync(join(dataDir, 'pglite.owner.json'), 'utf8')) as { port: number };
    const client = new Client({
      host: '127.0.0.1',
      port: owner.port,
      user: 'postgres',
      database: 'postgres',
    });
    await client.connect();
    await client.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await client.end();

    const stopped = await stopWith(first.child, 'SIGTERM');
    expect(stopped.code).toBe(0);
    expect(existsSync(join(dataDir, 'pglite.owner.json'))).toBe(false);

    const second = await startServer(env);
    const again = new Client({
      host: '127.0.0.1',
      port: readOwnerPort(dataDir),
      user: 'postgres',
      database: 'postgres',
    });
    await again.connect();
    const rows = await again.query('SELECT note FROM kept');
    await again.end();
    expect(rows.rows).toEqual([{ note: 'still here' }]);
    expect((await stopWith(second.child, 'SIGINT')).code).toBe(0);
  });
});

function readOwnerPort(dataDir: string): number {
  return (JSON.parse(readFileSync(join(dataDir, 'pglite.owner.json'), 'utf8')) as { port: number }).port;
}

serverOnly('npm start on a PostgreSQL server', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.destroy());

  it('uses DATABASE_URL, reports it in /health and stops cleanly', async () => {
    const { child, url } = await startServer({ DATABASE_URL: db.url, DEMO: 'false' });
    const health = await (await fetch(`${url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'postgres' });
    expect((await stopWith(child, 'SIGTERM')).code).toBe(0);
  });
});

describe('configuration errors at boot', () => {
  it('stops with a message naming the variable, in Indonesian unless SPBE_LANG says English', async () => {
    const result = await collect(spawnEntry('src/main.ts', [], { PORT: 'not-a-port', SPBE_LANG: undefined }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Gagal memulai: Variabel lingkungan PORT tidak sah: harus berupa angka');
    const english = await collect(spawnEntry('src/main.ts', [], { PORT: 'not-a-port', SPBE_LANG: 'en' }));
    expect(english.code).toBe(1);
    expect(english.stderr).toContain('Startup failed: Invalid environment variable PORT: must be a number');
  });
});
