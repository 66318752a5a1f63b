import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { type Message, msg, render } from '../i18n/message';

/**
 * Rows every instance writes at boot from the files it ships (the framework packages): a fresh
 * target has them, so they do not make it "not empty", and the backup's own rows replace them.
 */
const BOOT_ROWS: Readonly<Record<string, string>> = { framework_package: 'shipped' };

const FETCH_ROWS = 1000;
const INSERT_ROWS = 500;
/** TypeORM's own bookkeeping: the target instance has it from running the same migrations. */
const SKIPPED_TABLES = ['migrations', 'typeorm_metadata'];

export interface BackupTable {
  name: string;
  file: string;
  rows: number;
  sha256: string;
}

/** Why a backup or a restore stopped, in the catalogue's words (the command prints it). */
export class BackupError extends Error {
  constructor(readonly problem: Message) {
    super(render('en', problem));
    this.name = 'BackupError';
  }
}

/**
 * The statements of a whole-database copy, on one connection of the app's own: plain SQL, so it
 * works the same on the embedded database and a server, where pg_dump would need a matching client.
 */
@Injectable()
export class BackupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs work on one connection of its own, released afterwards. */
  async session<T>(work: (session: BackupSession) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      return await work(new BackupSession(runner));
    } finally {
      await runner.release();
    }
  }
}

/** One connection's statements; reads of one backup share one REPEATABLE READ snapshot. */
export class BackupSession {
  constructor(private readonly runner: QueryRunner) {}

  /** Work inside one read-only snapshot, so every table is read as of the same moment. */
  snapshot<T>(work: () => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', work);
  }

  /**
   * Work in one transaction that writes rows table by table: foreign keys and triggers were
   * checked by the source already, and rows the app wrote at boot make way for the backup's.
   */
  restoring<T>(work: () => Promise<T>): Promise<T> {
    return this.inTransaction('BEGIN', async () => {
      await this.runner.query('SET LOCAL session_replication_role = replica');
      for (const [table, where] of Object.entries(BOOT_ROWS))
        await this.runner.query(`DELETE FROM ${ident(table)} WHERE ${where}`);
      return work();
    });
  }

  private async inTransaction<T>(begin: string, work: () => Promise<T>): Promise<T> {
    await this.runner.query(begin);
    try {
      const result = await work();
      await this.runner.query('COMMIT');
      return result;
    } catch (error) {
      await this.runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  appliedMigrations(): Promise<string[]> {
    return appliedMigrations(this.runner);
  }

  userTables(): Promise<string[]> {
    return userTables(this.runner);
  }

  /** Every stored evidence file, once per key, with the hash recorded for it. */
  referencedFiles(): Promise<Array<{ key: string; sha256: string }>> {
    return this.runner.query(
      'SELECT DISTINCT storage_key AS key, sha256 FROM evidence_file ORDER BY storage_key',
    );
  }

  /** Whether the table holds rows, those the app writes at boot aside. */
  async hasRows(table: string): Promise<boolean> {
    const [{ filled }]: Array<{ filled: boolean }> = await this.runner.query(
      `SELECT EXISTS (SELECT 1 FROM ${ident(table)}${BOOT_ROWS[table] ? ` WHERE NOT (${BOOT_ROWS[table]})` : ''}) AS filled`,
    );
    return filled;
  }

  dumpTable(name: string, out: string): Promise<BackupTable> {
    return dumpTable(this.runner, name, out);
  }

  loadTable(table: BackupTable, path: string): Promise<void> {
    return loadTable(this.runner, table, path);
  }

  resetIdentities(): Promise<void> {
    return resetIdentities(this.runner);
  }
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function appliedMigrations(runner: QueryRunner): Promise<string[]> {
  const rows: Array<{ name: string }> = await runner.query(
    'SELECT name FROM migrations ORDER BY timestamp, id',
  );
  return rows.map((r) => r.name);
}

async function userTables(runner: QueryRunner): Promise<string[]> {
  const rows: Array<{ name: string }> = await runner.query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND NOT (tablename = ANY($1))
      ORDER BY tablename`,
    [SKIPPED_TABLES],
  );
  return rows.map((r) => r.name);
}

/** Columns a row can be written with: generated columns are computed again by the target. */
async function writableColumns(runner: QueryRunner, table: string): Promise<string[]> {
  const rows: Array<{ name: string }> = await runner.query(
    `SELECT a.attname AS name FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY a.attnum`,
    [`public.${ident(table)}`],
  );
  return rows.map((r) => r.name);
}

async function dumpTable(runner: QueryRunner, name: string, out: string): Promise<BackupTable> {
  const file = join('db', `${name}.jsonl`);
  const columns = (await writableColumns(runner, name)).map(ident).join(', ');
  const target = createWriteStream(join(out, file));
  const hash = createHash('sha256');
  let rows = 0;
  const write = (text: string) =>
    new Promise<void>((done, fail) => {
      hash.update(text);
      target.write(text, (error) => (error ? fail(error) : done()));
    });
  await runner.query(
    `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(r)::text AS j FROM (SELECT ${columns} FROM ${ident(name)}) r`,
  );
  for (;;) {
    const batch: Array<{ j: string }> = await runner.query(`FETCH ${FETCH_ROWS} FROM backup_rows`);
    if (batch.length === 0) break;
    rows += batch.length;
    await write(batch.map((r) => `${r.j}\n`).join(''));
  }
  await runner.query('CLOSE backup_rows');
  await new Promise<void>((done, fail) =>
    target.end((error?: Error | null) => (error ? fail(error) : done())),
  );
  return { name, file, rows, sha256: hash.digest('hex') };
}

async function loadTable(runner: QueryRunner, table: BackupTable, path: string): Promise<void> {
  const columns = (await writableColumns(runner, table.name)).map(ident).join(', ');
  const insert = `INSERT INTO ${ident(table.name)} (${columns}) OVERRIDING SYSTEM VALUE
    SELECT ${columns} FROM json_populate_recordset(NULL::${ident(table.name)}, $1::json)`;
  let batch: string[] = [];
  let loaded = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await runner.query(insert, [`[${batch.join(',')}]`]);
    loaded += batch.length;
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line.length === 0) continue;
    batch.push(line);
    if (batch.length >= INSERT_ROWS) await flush();
  }
  await flush();
  if (loaded !== table.rows)
    throw new BackupError(
      msg('cli.backup.row_count', { file: table.file, expected: table.rows, read: loaded }),
    );
}

/** Identity and serial columns continue after the highest restored value. */
async function resetIdentities(runner: QueryRunner): Promise<void> {
  const sequences: Array<{ tbl: string; col: string; seq: string }> = await runner.query(
    `SELECT c.relname AS tbl, a.attname AS col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL`,
  );
  for (const { tbl, col, seq } of sequences) {
    await runner.query(
      `SELECT setval($1, COALESCE((SELECT max(${ident(col)}) FROM ${ident(tbl)}), 1),
                     (SELECT max(${ident(col)}) FROM ${ident(tbl)}) IS NOT NULL)`,
      [seq],
    );
  }
}
