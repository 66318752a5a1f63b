import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInterface } from 'node:readline';
import { DataSource, QueryRunner } from 'typeorm';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { digestStream } from '../storage/stream-hash';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';

/**
 * Rows every instance writes at boot from the files it ships (the framework packages): a fresh
 * target has them, so they do not make it "not empty", and the backup's own rows replace them.
 */
const BOOT_ROWS: Readonly<Record<string, string>> = { framework_package: 'shipped' };

export const BACKUP_FORMAT = 'spbe-backup/1';
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

export interface BackupFile {
  key: string;
  file: string;
  size: number;
  sha256: string;
}

/** Written last: a backup folder without it is incomplete and is refused by restore. */
export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  migrations: string[];
  tables: BackupTable[];
  files: BackupFile[];
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * A consistent copy of the database (every table as JSON lines, read in one REPEATABLE READ
 * snapshot) plus every evidence file the snapshot refers to, with a manifest of hashes. Plain SQL
 * through the app's own connection, so it works the same on the embedded database and a server,
 * where pg_dump would need a matching client version.
 */
@Injectable()
export class BackupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  async backup(
    outDir: string,
    progress: (message: string) => void = () => undefined,
  ): Promise<BackupManifest> {
    const out = resolve(outDir);
    if (existsSync(out) && readdirSync(out).length > 0)
      throw new BackupError(`--out ${outDir} must be a new or empty folder`);
    mkdirSync(join(out, 'db'), { recursive: true });
    mkdirSync(join(out, 'files'), { recursive: true });

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let tables: BackupTable[];
    let migrations: string[];
    let referenced: Array<{ key: string; sha256: string }>;
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      migrations = await appliedMigrations(runner);
      tables = [];
      for (const name of await userTables(runner)) {
        tables.push(await dumpTable(runner, name, out));
        progress(`table ${name}: ${tables[tables.length - 1].rows} rows`);
      }
      referenced = await runner.query(
        'SELECT DISTINCT storage_key AS key, sha256 FROM evidence_file ORDER BY storage_key',
      );
      await runner.query('COMMIT');
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }

    // Stored files never change under a key, so copying them after the snapshot stays consistent.
    const files: BackupFile[] = [];
    for (const { key, sha256 } of referenced) {
      const file = join('files', ...key.split('/'));
      const copied = await copyOut(await this.storage.get(key), join(out, file));
      if (copied.sha256 !== sha256.trim())
        throw new BackupError(`evidence file ${key} does not match its recorded hash; run evidence verify`);
      files.push({ key, file, ...copied });
      if (files.length % 100 === 0) progress(`files: ${files.length}/${referenced.length}`);
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      migrations,
      tables,
      files,
    };
    await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  }

  /**
   * Restores into an instance whose schema is at the same migration and whose tables are empty.
   * Every hash is checked before anything is written; the rows go in one transaction.
   */
  async restore(
    fromDir: string,
    progress: (message: string) => void = () => undefined,
  ): Promise<BackupManifest> {
    const from = resolve(fromDir);
    const manifest = readManifest(from);
    for (const entry of [...manifest.tables, ...manifest.files]) {
      const path = inside(from, entry.file);
      if ((await digestStream(createReadStream(path))).sha256 !== entry.sha256)
        throw new BackupError(`${entry.file} does not match the manifest's hash: the backup is damaged`);
    }
    progress('backup hashes verified');

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let begun = false;
    try {
      const migrations = await appliedMigrations(runner);
      if (JSON.stringify(migrations) !== JSON.stringify(manifest.migrations))
        throw new BackupError(
          `the target database is at a different schema version (${migrations.length} migrations applied, the backup has ${manifest.migrations.length}); run the same app version`,
        );
      const present = new Set(await userTables(runner));
      for (const table of manifest.tables) {
        if (!present.has(table.name))
          throw new BackupError(`table ${table.name} does not exist in the target`);
        const [{ filled }] = await runner.query(
          `SELECT EXISTS (SELECT 1 FROM ${ident(table.name)}${BOOT_ROWS[table.name] ? ` WHERE NOT (${BOOT_ROWS[table.name]})` : ''}) AS filled`,
        );
        if (filled) throw new BackupError(`the target is not empty: table ${table.name} has rows`);
      }

      for (const file of manifest.files) {
        const stored = await this.storage.stat(file.key);
        if (!stored) await this.storage.put(file.key, createReadStream(inside(from, file.file)));
      }
      progress(`files restored: ${manifest.files.length}`);

      await runner.query('BEGIN');
      begun = true;
      // Rows go in table by table; foreign keys and triggers are checked by the source already.
      await runner.query('SET LOCAL session_replication_role = replica');
      // Rows the app writes at boot from its own files make way for the backup's.
      for (const [table, where] of Object.entries(BOOT_ROWS))
        await runner.query(`DELETE FROM ${ident(table)} WHERE ${where}`);
      for (const table of manifest.tables) {
        await loadTable(runner, table, inside(from, table.file));
        progress(`table ${table.name}: ${table.rows} rows`);
      }
      await resetIdentities(runner);
      await runner.query('COMMIT');
      begun = false;
    } catch (error) {
      if (begun) await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    return manifest;
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
    throw new BackupError(`${table.file}: expected ${table.rows} rows, read ${loaded}`);
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

function readManifest(from: string): BackupManifest {
  const path = join(from, 'manifest.json');
  if (!existsSync(path)) throw new BackupError(`${path} is missing: not a complete backup`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupError(`unknown backup format ${String(manifest.format)}; expected ${BACKUP_FORMAT}`);
  return manifest;
}

/** A manifest path, refused if it would lead outside the backup folder. */
function inside(root: string, relative: string): string {
  const path = resolve(root, relative);
  if (!path.startsWith(root + sep))
    throw new BackupError(`manifest path ${relative} leaves the backup folder`);
  return path;
}

async function copyOut(source: Readable, path: string): Promise<{ size: number; sha256: string }> {
  mkdirSync(dirname(path), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(source, tap, createWriteStream(path));
  return { size, sha256: hash.digest('hex') };
}
