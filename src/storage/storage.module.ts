import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { StorageConfig } from '../config/storage-config';
import { createStorageDriver, STORAGE_CONFIG } from './storage.config';
import { STORAGE_DRIVER } from './storage.driver';

/** Provides the storage driver chosen by configuration (APP_CONFIG's storage settings). */
@Module({
  providers: [
    { provide: STORAGE_CONFIG, inject: [APP_CONFIG], useFactory: (config: AppConfig) => config.storage },
    { provide: STORAGE_DRIVER, inject: [STORAGE_CONFIG], useFactory: createStorageDriver },
  ],
  exports: [STORAGE_CONFIG, STORAGE_DRIVER],
})
export class StorageModule {
  /** The same driver for the storage settings given (tools and tests without the app's config). */
  static forRoot(config: StorageConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: STORAGE_CONFIG, useValue: config },
        { provide: STORAGE_DRIVER, useFactory: () => createStorageDriver(config) },
      ],
      exports: [STORAGE_CONFIG, STORAGE_DRIVER],
    };
  }
}
