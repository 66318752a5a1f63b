import { INestApplicationContext, Inject, Injectable } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { openDatabaseEndpoint } from '../database/database-endpoint';

export interface AppContextOptions {
  /** Bring the schema up to date first (default true); `migrate` commands manage it themselves. */
  migrate?: boolean;
}

/**
 * Opens the app's own module graph (database, services) for commands that need it, and closes
 * it afterwards. Commands that need no database (`score`, `--help`) never start one.
 */
@Injectable()
export class AppContext {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async run<T>(
    work: (app: INestApplicationContext) => Promise<T>,
    options: AppContextOptions = {},
  ): Promise<T> {
    const endpoint = await openDatabaseEndpoint(this.config);
    try {
      const app = await NestFactory.createApplicationContext(
        AppModule.forRoot({ config: this.config, endpoint, cli: { migrateOnBoot: options.migrate ?? true } }),
        { logger: ['error', 'warn'] },
      );
      try {
        return await work(app);
      } finally {
        await app.close();
      }
    } finally {
      await endpoint.close();
    }
  }
}
