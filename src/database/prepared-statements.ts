import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Statements prepared by name, for the few reads that take longer to plan than to run (the facts
 * read, the national SPL directory). Only on a PostgreSQL server: the embedded database (PGlite,
 * also behind a URL) runs every connection in one session, where a second connection preparing
 * the same name fails. The app's connections plan generically (data-source-options.ts), so a
 * prepared statement is planned once per connection.
 */
const preparable = new WeakMap<DataSource, Promise<boolean>>();

/** Whether the database can prepare statements by name (asked of the server once). */
export function canPrepare(dataSource: DataSource, m: EntityManager = dataSource.manager): Promise<boolean> {
  let known = preparable.get(dataSource);
  if (!known) {
    known = m.query('SELECT version() AS version').then(
      ([row]: { version: string }[]) => !/PGlite/i.test(row.version),
      () => {
        preparable.delete(dataSource);
        return false;
      },
    );
    preparable.set(dataSource, known);
  }
  return known;
}

/**
 * Runs `text` as the statement `name` on a pooled connection when the server can prepare it
 * (each connection prepares it on first use), as an ordinary query otherwise. The same name must
 * always carry the same text.
 */
export async function queryPrepared<T>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  if (!(await canPrepare(dataSource))) return dataSource.query(text, values);
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  return (await pool.query({ name, text, values })).rows as T[];
}

/** The same on a connection the caller holds (a transaction's), by name when the server can. */
export async function queryPreparedOn<T>(
  dataSource: DataSource,
  m: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const held = m.queryRunner && !m.queryRunner.isReleased ? m.queryRunner : undefined;
  if (!held || !(await canPrepare(dataSource, m))) return m.query(text, values);
  const client = (await held.connect()) as PoolClient;
  return (await client.query({ name, text, values })).rows as T[];
}
