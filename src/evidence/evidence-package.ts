import { createHash } from 'node:crypto';
import { Readable, Transform, Writable } from 'node:stream';
import { ZipFile } from 'yazl';
import { sanitizeFileName } from '../storage/storage-keys';
import { StorageDriver, StorageNotFoundError } from '../storage/storage.driver';
import { CellValue, UTF8_BOM, csvLine } from '../documents/csv';

/** Identifies the manifest layout, so that `evidence verify-package` can refuse unknown ones. */
export const PACKAGE_FORMAT = 'spbe-evidence-package/1';
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_CSV = 'manifest.csv';
export const FACTS_JSON = 'facts.json';

/**
 * One line per current file of an evidence item (an item without files has one line too): what a
 * package holds, and what the agency reports list (reports.repository.ts reads them).
 */
export interface EvidenceLine {
  evidenceId: string;
  title: string;
  kind: string;
  status: string;
  documentDate: string;
  documentNumber: string | null;
  indicators: number[];
  units: string;
  /** A link item's URL (never fetched); its file, if any, is the link's snapshot. */
  url: string | null;
  capturedAt: string | null;
  file: EvidenceFileRef | null;
}

export interface EvidenceFileRef {
  id: string;
  name: string;
  sha256: string;
  size: number;
  mimeType: string;
  storageKey: string;
  slot: number;
  revision: number;
  uploadedAt: Date;
}

export interface PackageInput {
  agency: { id: string; code: string; name: string };
  period: { year: number; stage: string; edition: string; asOf: string };
  generatedAt: Date;
  evidence: EvidenceLine[];
  /** The scoring facts, serialised exactly as their hash was computed. */
  factsJson: string;
}

/** An item's line in the manifest: the evidence line, with its file told by path, hash and size. */
export interface ManifestFile extends Omit<EvidenceLine, 'file'> {
  /** Path inside the zip; null when the item has no file or its file is missing from storage. */
  path: string | null;
  /** SHA-256 recorded when the file was uploaded. */
  sha256: string | null;
  size: number | null;
  fileName: string | null;
  mimeType: string | null;
  revision: number | null;
  /** The stored bytes hashed to the recorded SHA-256 while being packaged. */
  matchesRecordedHash: boolean | null;
  missing: boolean;
}

export interface Manifest {
  format: typeof PACKAGE_FORMAT;
  agency: PackageInput['agency'];
  period: PackageInput['period'];
  generatedAt: string;
  facts: { path: string; sha256: string };
  files: ManifestFile[];
}

/** Types that are compressed already: stored as they are, which is faster and no larger. */
const STORED_TYPES =
  /^(application\/pdf|image\/(png|jpeg|webp)|application\/zip|application\/vnd\.openxmlformats)/;

/**
 * Streams every current evidence file of the period from storage into a ZIP written to `out`,
 * one file at a time and without temporary copies, then the manifests and the facts. A file
 * missing from storage is listed as missing instead of failing the whole package.
 */
export async function writeEvidencePackage(
  input: PackageInput,
  driver: StorageDriver,
  out: Writable,
  signal: AbortSignal,
): Promise<Manifest> {
  const zip = new ZipFile();
  zip.outputStream.pipe(out);
  const files: ManifestFile[] = [];
  const folders = folderNames(input.evidence);
  for (const line of input.evidence) {
    signal.throwIfAborted();
    const entry = manifestEntry(line);
    files.push(entry);
    if (!line.file) continue;
    const source = await driver.get(line.file.storageKey).catch((error: unknown) => {
      if (error instanceof StorageNotFoundError) return null;
      throw error;
    });
    if (!source) {
      entry.missing = true;
      continue;
    }
    entry.path = `files/${folders.get(line.evidenceId)}/${line.file.slot}-${sanitizeFileName(line.file.name)}`;
    const hashed = hashingPassThrough();
    const done = drained(source, hashed.stream, signal);
    source.pipe(hashed.stream);
    zip.addReadStream(hashed.stream, entry.path, {
      mtime: line.file.uploadedAt,
      compress: !STORED_TYPES.test(line.file.mimeType),
    });
    await done;
    entry.matchesRecordedHash = hashed.digest() === line.file.sha256;
  }
  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    agency: input.agency,
    period: input.period,
    generatedAt: input.generatedAt.toISOString(),
    facts: { path: FACTS_JSON, sha256: createHash('sha256').update(input.factsJson).digest('hex') },
    files,
  };
  const options = { mtime: input.generatedAt };
  zip.addBuffer(Buffer.from(input.factsJson), FACTS_JSON, options);
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), MANIFEST_JSON, options);
  zip.addBuffer(Buffer.from(manifestCsv(files)), MANIFEST_CSV, options);
  zip.end();
  return manifest;
}

/**
 * Hashes what passes through. yazl reads it only when it reaches the entry, so nothing may read
 * the storage stream directly: a second reader would take bytes the zip never sees.
 */
function hashingPassThrough(): { stream: Transform; digest: () => string } {
  const hash = createHash('sha256');
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

/** Resolves once the zip has read the whole entry; rejects on a storage error or an abort. */
function drained(source: Readable, entry: Transform, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      signal.removeEventListener('abort', abort);
      source.destroy();
      entry.destroy();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const abort = () => fail(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', abort, { once: true });
    source.once('error', fail);
    entry.once('end', () => {
      signal.removeEventListener('abort', abort);
      resolve();
    });
  });
}

/** "001-Daftar API" per evidence item, numbered in manifest order so names never collide. */
function folderNames(lines: EvidenceLine[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const line of lines) {
    if (names.has(line.evidenceId)) continue;
    const title = sanitizeFileName(line.title).slice(0, 60).trim() || 'evidence';
    names.set(line.evidenceId, `${String(names.size + 1).padStart(3, '0')}-${title}`);
  }
  return names;
}

function manifestEntry(line: EvidenceLine): ManifestFile {
  return {
    path: null,
    sha256: line.file?.sha256 ?? null,
    size: line.file?.size ?? null,
    evidenceId: line.evidenceId,
    title: line.title,
    kind: line.kind,
    status: line.status,
    documentDate: line.documentDate,
    documentNumber: line.documentNumber,
    indicators: line.indicators,
    units: line.units,
    url: line.url,
    capturedAt: line.capturedAt,
    fileName: line.file?.name ?? null,
    mimeType: line.file?.mimeType ?? null,
    revision: line.file?.revision ?? null,
    matchesRecordedHash: null,
    missing: false,
  };
}

export const MANIFEST_CSV_COLUMNS = [
  'path',
  'sha256',
  'size',
  'evidence_id',
  'title',
  'kind',
  'status',
  'document_date',
  'document_number',
  'indicators',
  'units',
  'file_name',
  'mime_type',
  'revision',
  'matches_recorded_hash',
  'missing',
  'url',
  'captured_at',
] as const;

function manifestCsv(files: ManifestFile[]): string {
  const flag = (value: boolean | null): CellValue => (value === null ? null : String(value));
  return (
    UTF8_BOM +
    csvLine([...MANIFEST_CSV_COLUMNS]) +
    files
      .map((f) =>
        csvLine([
          f.path,
          f.sha256,
          f.size,
          f.evidenceId,
          f.title,
          f.kind,
          f.status,
          f.documentDate,
          f.documentNumber,
          f.indicators.join(' '),
          f.units,
          f.fileName,
          f.mimeType,
          f.revision,
          flag(f.matchesRecordedHash),
          String(f.missing),
          f.url,
          f.capturedAt,
        ]),
      )
      .join('')
  );
}
