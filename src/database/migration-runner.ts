import { DataSource, Migration, MigrationExecutor } from 'typeorm';

/** Any fixed 64-bit key: instances starting together queue on it instead of colliding. */
const MIGRATION_LOCK_KEY = 720_718_007;

/**
 * Runs work under a session-level advisory lock on one dedicated connection. The migration
 * executor reuses that same connection, which matters on PGlite where there is only one session.
 */
async function withMigrationLock<T>(
  dataSource: DataSource,
  work: (executor: MigrationExecutor) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      return await work(executor);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

export function runPendingMigrations(dataSource: DataSource): Promise<Migration[]> {
  return withMigrationLock(dataSource, (executor) => executor.executePendingMigrations());
}

export function revertLastMigration(dataSource: DataSource): Promise<void> {
  return withMigrationLock(dataSource, (executor) => executor.undoLastMigration());
}

export interface MigrationStatus {
  name: string;
  applied: boolean;
}

export async function migrationStatus(dataSource: DataSource): Promise<MigrationStatus[]> {
  return withMigrationLock(dataSource, async (executor) => {
    const applied = new Set((await executor.getExecutedMigrations()).map((m) => m.name));
    return dataSource.migrations.map((m) => {
      const name = m.name ?? m.constructor.name;
      return { name, applied: applied.has(name) };
    });
  });
}
