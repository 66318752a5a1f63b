import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DATABASE_ENDPOINT, DatabaseEndpoint } from '../database/database-endpoint';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { EvidenceRepository } from './evidence.repository';
import { sweepStaleTemp, sweepUnreferenced } from './upload/upload-commit';

/**
 * At boot, removes uploads that a crash or an aborted request left behind. With a shared database
 * another instance may be mid-upload, so only temporary objects older than the configured age go.
 * When this process opened the embedded database itself it is the only instance: nothing can be
 * in flight, so every temporary object, and every stored object no evidence row refers to (a
 * crash between moving a file into place and committing its row), is removed at once.
 */
@Injectable()
export class StaleUploadSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger('Uploads');

  constructor(
    @Inject(STORAGE_DRIVER) private readonly driver: StorageDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_ENDPOINT) private readonly endpoint: DatabaseEndpoint,
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sole = this.endpoint.soleInstance === true;
    try {
      const temp = await sweepStaleTemp(this.driver, sole ? 0 : this.config.storage.tempMaxAgeMs);
      const unreferenced = sole ? await sweepUnreferenced(this.driver, this.evidence.allFiles()) : 0;
      if (temp + unreferenced > 0)
        this.logger.log(`Removed ${temp} abandoned upload(s) and ${unreferenced} unreferenced file(s).`);
    } catch (error) {
      this.logger.warn(`Could not sweep stale uploads: ${(error as Error).message}`);
    }
  }
}
