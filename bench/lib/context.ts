import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../src/app.module';
import { AppConfig, loadConfig, loadDotEnv } from '../../src/config/app-config';
import { openDatabaseEndpoint } from '../../src/database/database-endpoint';
import { benchEnvironment } from './args';

/** The configuration the app itself would read (`.env`, then the environment), without demo data. */
export function benchConfig(): AppConfig {
  loadDotEnv();
  return loadConfig(benchEnvironment());
}

/**
 * Runs `work` inside the app's own module graph on the configured database (PostgreSQL with
 * DATABASE_URL, the embedded one under DATA_DIR otherwise), migrated first, as the CLI does.
 */
export async function withAppContext<T>(
  work: (app: INestApplicationContext, config: AppConfig) => Promise<T>,
): Promise<T> {
  const config = benchConfig();
  const endpoint = await openDatabaseEndpoint(config);
  try {
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot({ config, endpoint, cli: { migrateOnBoot: true } }),
      { logger: ['error', 'warn'] },
    );
    try {
      return await work(app, config);
    } finally {
      await app.close();
    }
  } finally {
    await endpoint.close();
  }
}
