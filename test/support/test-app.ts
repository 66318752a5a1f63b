import { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/config/app-config';
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
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO: 'false',
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
  return {
    app,
    db,
    config: configForApp,
    close: async () => {
      await app.close();
      await db.destroy();
    },
  };
}
