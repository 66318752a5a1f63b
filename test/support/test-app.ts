import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { watchServerErrors } from './server-errors';
import { TestDatabase, createTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  db: TestDatabase;
  config: AppConfig;
  close(): Promise<void>;
}

/** The real app (same setup as `main.ts`) on a database of the test's own. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
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
  const endpoint = { kind: db.kind, url: db.url, close: async () => undefined };
  // The embedded database is one session: a single pooled connection, as the app itself uses.
  const configForApp: AppConfig = {
    ...config,
    databaseKind: db.kind,
    dbPoolSize: db.kind === 'embedded' ? 1 : config.dbPoolSize,
  };
  const app = await createApp(configForApp, endpoint);
  watchServerErrors(app.getHttpServer());
  return {
    app,
    db,
    config: configForApp,
    close: async () => {
      await app.close();
      await db.destroy();
      rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
