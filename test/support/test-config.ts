import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { DatabaseEndpoint } from '../../src/database/database-endpoint';
import { TestDatabase } from './test-database';

/** The configuration a test app or test module runs with, on the test's own database and uploads. */
export interface TestConfig {
  config: AppConfig;
  endpoint: DatabaseEndpoint;
  /** Removes the uploads folder. */
  cleanUp(): void;
}

export function testConfig(db: TestDatabase, env: Record<string, string> = {}): TestConfig {
  // Evidence files of each test app go to a folder of its own, removed at close.
  const uploadsDir = mkdtempSync(join(tmpdir(), 'spbe-uploads-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO: 'false',
    UPLOADS_DIR: uploadsDir,
    // Tests never contact a gateway unless they run the check themselves.
    HUB_CHECK_HOURS: '0',
    ...env,
    DATABASE_URL: db.url,
  });
  return {
    // The embedded database is one session: a single pooled connection, as the app itself uses.
    config: {
      ...config,
      databaseKind: db.kind,
      dbPoolSize: db.kind === 'embedded' ? 1 : config.dbPoolSize,
    },
    endpoint: { kind: db.kind, url: db.url, close: async () => undefined },
    cleanUp: () => rmSync(uploadsDir, { recursive: true, force: true }),
  };
}
