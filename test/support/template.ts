import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runPendingMigrations } from '../../src/database/migration-runner';

/**
 * Test databases are cloned from a template that the real migrations built once; the template
 * is keyed by the migrations' content, so a changed migration builds a new one.
 */
const ROOT = resolve(__dirname, '..', '..');
const MIGRATIONS_DIR = join(ROOT, 'src', 'database', 'migrations');
export const TEMPLATES_DIR = join(ROOT, '.data', 'test-templates');

export function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

export function serverUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export function templateDatabaseName(): string {
  return `spbe_tpl_${migrationsHash()}`;
}

export function embeddedTemplateDir(): string {
  return join(TEMPLATES_DIR, migrationsHash());
}

async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  try {
    await runPendingMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export async function ensureEmbeddedTemplate(): Promise<void> {
  const dir = embeddedTemplateDir();
  if (existsSync(dir)) return;
  mkdirSync(TEMPLATES_DIR, { recursive: true });
  const building = `${dir}.building-${process.pid}`;
  const db = await EmbeddedPostgres.start({ dataDir: building });
  try {
    await migrate(db.url);
  } finally {
    await db.stop();
  }
  if (!existsSync(dir)) renameSync(building, dir);
  else rmSync(building, { recursive: true, force: true });
  // Older templates are dead weight once the migrations have changed.
  for (const entry of readdirSync(TEMPLATES_DIR)) {
    if (entry !== migrationsHash() && !entry.includes('.building-')) {
      rmSync(join(TEMPLATES_DIR, entry), { recursive: true, force: true });
    }
  }
}

export async function ensureServerTemplate(url: string): Promise<void> {
  const name = templateDatabaseName();
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return;
    const building = `${name}_b${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
    await admin.query(`CREATE DATABASE "${building}"`);
    await migrate(withDatabase(url, building));
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    const stale = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'spbe\\_tpl\\_%' AND datname <> $1",
      [name],
    );
    for (const row of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function copyTemplate(target: string): void {
  cpSync(embeddedTemplateDir(), target, { recursive: true });
}
