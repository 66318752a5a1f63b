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
import { type Message, msg } from '../i18n/message';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { digestStream } from '../storage/stream-hash';
import { Inject, Injectable } from '@nestjs/common';
import { BackupError, BackupRepository, BackupTable } from './backup.repository';

export { BackupError } from './backup.repository';
export type { BackupTable } from './backup.repository';

export const BACKUP_FORMAT = 'spbe-backup/1';

/** Where a backup or a restore has got to, in the catalogue's words. */
export type BackupProgress = (step: Message) => void;

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

/**
 * A consistent copy of the database (every table as JSON lines, read in one REPEATABLE READ
 * snapshot) plus every evidence file the snapshot refers to, with a manifest of hashes.
 */
@Injectable()
export class BackupService {
  constructor(
    @Inject(BackupRepository) private readonly db: BackupRepository,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  async backup(outDir: string, progress: BackupProgress = () => undefined): Promise<BackupManifest> {
    const out = resolve(outDir);
    if (existsSync(out) && readdirSync(out).length > 0)
      throw new BackupError(msg('cli.backup.out_not_empty', { dir: outDir }));
    mkdirSync(join(out, 'db'), { recursive: true });
    mkdirSync(join(out, 'files'), { recursive: true });

    const { tables, migrations, referenced } = await this.db.session((db) =>
      db.snapshot(async () => {
        const migrations = await db.appliedMigrations();
        const tables: BackupTable[] = [];
        for (const name of await db.userTables()) {
          tables.push(await db.dumpTable(name, out));
          progress(msg('cli.backup.table', { table: name, rows: tables[tables.length - 1].rows }));
        }
        return { tables, migrations, referenced: await db.referencedFiles() };
      }),
    );

    // Stored files never change under a key, so copying them after the snapshot stays consistent.
    const files: BackupFile[] = [];
    for (const { key, sha256 } of referenced) {
      const file = join('files', ...key.split('/'));
      const copied = await copyOut(await this.storage.get(key), join(out, file));
      if (copied.sha256 !== sha256.trim()) throw new BackupError(msg('cli.backup.file_changed', { key }));
      files.push({ key, file, ...copied });
      if (files.length % 100 === 0)
        progress(msg('cli.backup.files', { done: files.length, total: referenced.length }));
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
  async restore(fromDir: string, progress: BackupProgress = () => undefined): Promise<BackupManifest> {
    const from = resolve(fromDir);
    const manifest = readManifest(from);
    for (const entry of [...manifest.tables, ...manifest.files]) {
      const path = inside(from, entry.file);
      if ((await digestStream(createReadStream(path))).sha256 !== entry.sha256)
        throw new BackupError(msg('cli.backup.damaged', { file: entry.file }));
    }
    progress(msg('cli.backup.hashes_verified'));

    await this.db.session(async (db) => {
      const migrations = await db.appliedMigrations();
      if (JSON.stringify(migrations) !== JSON.stringify(manifest.migrations))
        throw new BackupError(
          msg('cli.backup.schema', { applied: migrations.length, expected: manifest.migrations.length }),
        );
      const present = new Set(await db.userTables());
      for (const table of manifest.tables) {
        if (!present.has(table.name))
          throw new BackupError(msg('cli.backup.no_table', { table: table.name }));
        if (await db.hasRows(table.name))
          throw new BackupError(msg('cli.backup.not_empty', { table: table.name }));
      }

      for (const file of manifest.files) {
        const stored = await this.storage.stat(file.key);
        if (!stored) await this.storage.put(file.key, createReadStream(inside(from, file.file)));
      }
      progress(msg('cli.backup.files_restored', { count: manifest.files.length }));

      await db.restoring(async () => {
        for (const table of manifest.tables) {
          await db.loadTable(table, inside(from, table.file));
          progress(msg('cli.backup.table', { table: table.name, rows: table.rows }));
        }
        await db.resetIdentities();
      });
    });
    return manifest;
  }
}

function readManifest(from: string): BackupManifest {
  const path = join(from, 'manifest.json');
  if (!existsSync(path)) throw new BackupError(msg('cli.backup.incomplete', { path }));
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupError(
      msg('cli.backup.format', { format: String(manifest.format), expected: BACKUP_FORMAT }),
    );
  return manifest;
}

/** A manifest path, refused if it would lead outside the backup folder. */
function inside(root: string, relative: string): string {
  const path = resolve(root, relative);
  if (!path.startsWith(root + sep)) throw new BackupError(msg('cli.backup.outside', { path: relative }));
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
