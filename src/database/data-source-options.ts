import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one TypeORM configuration, shared by the app, the CLI and the tests. */
export function dataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // uuid defaults use gen_random_uuid(), built into PostgreSQL 13+ and PGlite; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: poolSize,
      // Fail fast when the database is away instead of queueing requests for ever.
      connectionTimeoutMillis: 5000,
      // Short statements only: JIT compiling cost seconds where the statement ran in milliseconds
      // (the facts read, the national table). The embedded database has no JIT and ignores it.
      // The one statement the app prepares by name (the facts read, FactsRepository) is planned
      // once per connection: planning it again for each agency cost a millisecond, a third of a
      // one-agency read, and the generic plan reads a national batch as fast.
      options: '-c jit=off -c plan_cache_mode=force_generic_plan',
    },
  };
}
