import { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.setup';
import { AppConfig } from '../../src/config/app-config';
import { watchServerErrors } from './server-errors';
import { testConfig } from './test-config';
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
  const { config, endpoint, cleanUp } = testConfig(db, env);
  const app = await createApp(config, endpoint);
  watchServerErrors(app.getHttpServer());
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await db.destroy();
      cleanUp();
    },
  };
}
