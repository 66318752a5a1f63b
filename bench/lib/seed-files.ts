import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { demoPdf } from '../../src/demo/demo-pdf';
import { evidenceKey } from '../../src/storage/storage-keys';
import { StorageDriver } from '../../src/storage/storage.driver';
import { EVIDENCE_PER_AGENCY } from './seed-data';
import { agencyCode, benchUuid } from './seed-ids';

/** About this many evidence items get a real file; the rest of the set is metadata only. */
export const SAMPLE_FILES = 500;
const PARALLEL_WRITES = 8;

interface FileRow {
  evidenceId: string;
  agencyId: string;
  key: string;
  sha256: string;
  size: number;
  name: string;
}

/** Which evidence items of the set carry a file: the first few of every agency. */
export function sampleItems(agencies: number): { agency: number; evidence: number }[] {
  const perAgency = Math.min(EVIDENCE_PER_AGENCY, Math.max(1, Math.ceil(SAMPLE_FILES / agencies)));
  return Array.from({ length: agencies * perAgency }, (_, i) => ({
    agency: Math.floor(i / perAgency),
    evidence: i % perAgency,
  }));
}

/**
 * Writes a small real PDF through the configured storage driver for every sampled item and
 * records it as the item's current file (hash and size as an upload records them), so
 * `evidence verify` checks these files like any other.
 */
export async function writeSampleFiles(
  dataSource: DataSource,
  driver: StorageDriver,
  agencies: number,
  onFile: () => void,
): Promise<number> {
  const items = sampleItems(agencies);
  const rows: FileRow[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const { agency, evidence } = items[next++];
      rows.push(await writeOne(driver, agency, evidence));
      onFile();
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_WRITES }, worker));
  await dataSource.query(
    `INSERT INTO evidence_file (evidence_id, agency_id, storage_key, sha256, size, mime_type, original_name)
     SELECT e, a, k, s, z, 'application/pdf', n
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[], $6::text[]) AS t(e, a, k, s, z, n)`,
    [
      rows.map((r) => r.evidenceId),
      rows.map((r) => r.agencyId),
      rows.map((r) => r.key),
      rows.map((r) => r.sha256),
      rows.map((r) => r.size),
      rows.map((r) => r.name),
    ],
  );
  return rows.length;
}

async function writeOne(driver: StorageDriver, agency: number, evidence: number): Promise<FileRow> {
  const agencyId = benchUuid('agency', agency);
  const name = `bukti-${agencyCode(agency)}-${String(evidence + 1).padStart(3, '0')}.pdf`;
  const pdf = demoPdf(`Bukti dukung ${agencyCode(agency)} nomor ${evidence + 1}`, [
    'Dokumen uji beban Pelacak SPBE',
  ]);
  const key = evidenceKey(agencyId, new Date());
  await driver.put(key, Readable.from([pdf]));
  return {
    evidenceId: benchUuid('ev', agency, evidence),
    agencyId,
    key,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    size: pdf.length,
    name,
  };
}
