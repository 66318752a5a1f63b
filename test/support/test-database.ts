import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DatabaseKind } from '../../src/config/app-config';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { copyTemplate, serverUrl, templateDatabaseName, withDatabase } from './template';

/** A migrated database of the test's own: a copied embedded instance, or a new server database. */
export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  /** Makes the database unreachable (for outage tests); `destroy` still cleans up. */
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = serverUrl();
  return url ? createServerDatabase(url) : createEmbeddedDatabase();
}

async function createEmbeddedDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'spbe-test-'));
  copyTemplate(join(dir, 'pglite'));
  let db: EmbeddedPostgres | undefined = await EmbeddedPostgres.start({ dataDir: join(dir, 'pglite') });
  const stop = async () => {
    const running = db;
    db = undefined;
    if (running) await running.stop();
  };
  return {
    kind: 'embedded',
    url: db.url,
    stop,
    destroy: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function createServerDatabase(url: string): Promise<TestDatabase> {
  const name = `spbe_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName()}"`);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  return { kind: 'postgres', url: withDatabase(url, name), stop: drop, destroy: drop };
}
