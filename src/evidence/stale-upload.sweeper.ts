import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { sweepStaleTemp } from './upload/upload-commit';

/** At boot, removes uploads that a crash or an aborted request left under temporary keys. */
@Injectable()
export class StaleUploadSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger('Uploads');

  constructor(
    @Inject(STORAGE_DRIVER) private readonly driver: StorageDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const removed = await sweepStaleTemp(this.driver, this.config.storage.tempMaxAgeMs);
      if (removed > 0) this.logger.log(`Removed ${removed} abandoned upload(s).`);
    } catch (error) {
      this.logger.warn(`Could not sweep stale uploads: ${(error as Error).message}`);
    }
  }
}
