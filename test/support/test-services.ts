import { Type } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AppConfig } from '../../src/config/app-config';
import { testConfig } from './test-config';
import { TestDatabase, createTestDatabase } from './test-database';

/** The app's modules on a database of the test's own, without an HTTP server. */
export interface TestServices {
  module: TestingModule;
  ds: DataSource;
  db: TestDatabase;
  config: AppConfig;
  /** A provider of any module, by its class (typed) or its injection token. */
  get<T>(token: Type<T> | string | symbol): T;
  close(): Promise<void>;
}

/**
 * The same modules as the app, as the command line builds them: no HTTP server, no demo data, no
 * schedulers or workers that would write while a test reads (the template is migrated already).
 */
export async function createTestServices(env: Record<string, string> = {}): Promise<TestServices> {
  const db = await createTestDatabase();
  const { config, endpoint, cleanUp } = testConfig(db, env);
  try {
    const module = await Test.createTestingModule({
      imports: [AppModule.forRoot({ config, endpoint, cli: { migrateOnBoot: false } })],
    }).compile();
    await module.init();
    return {
      module,
      ds: module.get(getDataSourceToken()),
      db,
      config,
      get: <T>(token: Type<T> | string | symbol) => module.get<T>(token, { strict: false }),
      close: async () => {
        await module.close();
        await db.destroy();
        cleanUp();
      },
    };
  } catch (error) {
    await db.destroy();
    cleanUp();
    throw error;
  }
}
