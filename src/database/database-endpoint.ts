import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, DatabaseKind } from '../config/app-config';
import { EmbeddedPostgres, embeddedUrl } from './embedded-postgres';

/** Where the app's database is, and how to let go of it at shutdown. */
export interface DatabaseEndpoint {
  kind: DatabaseKind;
  url: string;
  /**
   * True when this process opened the embedded database itself: then no other app instance can
   * be writing to the same data, which lets the boot sweep treat every loose upload as abandoned.
   */
  soleInstance?: boolean;
  close(): Promise<void>;
}

export const DATABASE_ENDPOINT = Symbol('DATABASE_ENDPOINT');

interface OwnerRecord {
  pid: number;
  port: number;
}

/**
 * Uses DATABASE_URL when set. Otherwise opens the embedded database under DATA_DIR, or, when
 * another live process (a running app) already serves it, connects to that process's socket:
 * two PGlite instances must never open the same directory.
 */
export async function openDatabaseEndpoint(config: AppConfig): Promise<DatabaseEndpoint> {
  if (config.databaseUrl) {
    return { kind: 'postgres', url: config.databaseUrl, close: async () => undefined };
  }
  const ownerFile = join(config.dataDir, 'pglite.owner.json');
  const owner = readOwner(ownerFile);
  if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
    return { kind: 'embedded', url: embeddedUrl(owner.port), close: async () => undefined };
  }
  const embedded = await EmbeddedPostgres.start({ dataDir: join(config.dataDir, 'pglite') });
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, port: embedded.port }));
  return {
    kind: 'embedded',
    url: embedded.url,
    soleInstance: true,
    close: async () => {
      await embedded.stop();
      rmSync(ownerFile, { force: true });
    },
  };
}

function readOwner(file: string): OwnerRecord | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<OwnerRecord>;
    return typeof parsed.pid === 'number' && typeof parsed.port === 'number'
      ? { pid: parsed.pid, port: parsed.port }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
