import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { HubImportService } from '../hub/hub-import.service';
import { demoHubFiles, type DemoHubAgency } from './demo-hub.files';

/**
 * Imports the demo regency's hub exports through the real import path, one file after the
 * other, so the hub page's provenance list shows real imports (file, sha256, counts). Runs after
 * the seed transaction has committed: each import opens its own transaction. A file that fails
 * is reported and skipped; the demo still starts.
 */
export async function importDemoHubData(
  importer: HubImportService,
  agencyId: string,
  agency: DemoHubAgency,
  logger: Logger,
  today = new Date(),
): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'spbe-demo-hub-'));
  let imported = 0;
  try {
    for (const file of demoHubFiles(agency, today)) {
      const path = join(dir, file.fileName);
      await writeFile(path, file.content);
      try {
        const outcome = await importer.import(null, agencyId, path, {
          fileName: file.fileName,
          skipBad: false,
          channel: 'cli',
          hubId: file.hubId,
          uptime: file.uptime,
        });
        if (outcome.status === 'rejected') {
          const first = outcome.problems[0];
          logger.warn(`Demo hub data not imported: ${outcome.message}${first ? ` (${first.reason})` : ''}`);
        } else imported += 1;
      } catch (error) {
        logger.warn(`Demo hub data not imported: ${file.fileName}: ${(error as Error).message}`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return imported;
}
