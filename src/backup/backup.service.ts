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
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { digestStream } from '../storage/stream-hash';
import { Inject, Injectable } from '@nestjs/common';
import { BackupError, BackupRepository, BackupTable } from './backup.repository';

export { BackupError } from './backup.repository';
export type { BackupTable } from './backup.repository';

export const BACKUP_FORMAT = 'spbe-backup/1';

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

  async backup(
    outDir: string,
    progress: (message: string) => void = () => undefined,
  ): Promise<BackupManifest> {
    const out = resolve(outDir);
    if (existsSync(out) && readdirSync(out).length > 0)
      throw new BackupError(`--out ${outDir} must be a new or empty folder`);
    mkdirSync(join(out, 'db'), { recursive: true });
    mkdirSync(join(out, 'files'), { recursive: true });

    const { tables, migrations, referenced } = await this.db.session((db) =>
      db.snapshot(async () => {
        const migrations = await db.appliedMigrations();
        const tables: BackupTable[] = [];
        for (const name of await db.userTables()) {
          tables.push(await db.dumpTable(name, out));
          progress(`table ${name}: ${tables[tables.length - 1].rows} rows`);
        }
        return { tables, migrations, referenced: await db.referencedFiles() };
      }),
    );

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

    await this.db.session(async (db) => {
      const migrations = await db.appliedMigrations();
      if (JSON.stringify(migrations) !== JSON.stringify(manifest.migrations))
        throw new BackupError(
          `the target database is at a different schema version (${migrations.length} migrations applied, the backup has ${manifest.migrations.length}); run the same app version`,
        );
      const present = new Set(await db.userTables());
      for (const table of manifest.tables) {
        if (!present.has(table.name))
          throw new BackupError(`table ${table.name} does not exist in the target`);
        if (await db.hasRows(table.name))
          throw new BackupError(`the target is not empty: table ${table.name} has rows`);
      }

      for (const file of manifest.files) {
        const stored = await this.storage.stat(file.key);
        if (!stored) await this.storage.put(file.key, createReadStream(inside(from, file.file)));
      }
      progress(`files restored: ${manifest.files.length}`);

      await db.restoring(async () => {
        for (const table of manifest.tables) {
          await db.loadTable(table, inside(from, table.file));
          progress(`table ${table.name}: ${table.rows} rows`);
        }
        await db.resetIdentities();
      });
    });
    return manifest;
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
