import { DynamicModule, Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DATABASE_ENDPOINT, DatabaseEndpoint } from './database-endpoint';
import { dataSourceOptions } from './data-source-options';
import { runPendingMigrations } from './migration-runner';

/** Brings the schema up to date at boot, before any other module touches the database. */
@Injectable()
export class MigrateOnBoot implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const applied = await runPendingMigrations(this.dataSource);
    if (applied.length > 0) {
      this.logger.log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    }
  }
}

export interface DatabaseModuleOptions {
  endpoint: DatabaseEndpoint;
  /** The CLI opts out so that e.g. `migrate revert` can act on an older schema. */
  migrateOnBoot?: boolean;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(options.endpoint.url, config.dbPoolSize),
            retryAttempts: 2,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [
        { provide: DATABASE_ENDPOINT, useValue: options.endpoint },
        ...(options.migrateOnBoot === false ? [] : [MigrateOnBoot]),
      ],
      exports: [DATABASE_ENDPOINT],
    };
  }
}
