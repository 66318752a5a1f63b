import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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

const RAM_DIR = '/dev/shm';
const PREFIX = 'spbe-test-';

/**
 * Where embedded test databases live: in memory when the host has a tmpfs. A database is 1,300
 * files; on a disk (ext4 mounted with discard) copying one took 1.4 s and removing it 5.2 s of
 * a blocked event loop, in /dev/shm 0.6 s and 0.1 s.
 */
export function databasesRoot(): string {
  try {
    accessSync(RAM_DIR, constants.W_OK);
    return RAM_DIR;
  } catch {
    return tmpdir();
  }
}

/** Removes test databases a killed run left behind (a day old: no run takes that long). */
export function sweepStaleDatabases(): void {
  const root = databasesRoot();
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(root)) {
    if (!name.startsWith(PREFIX)) continue;
    const dir = join(root, name);
    try {
      if (statSync(dir).mtimeMs < dayAgo) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
}

async function createEmbeddedDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(databasesRoot(), PREFIX));
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
