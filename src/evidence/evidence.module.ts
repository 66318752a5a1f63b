import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AgenciesModule } from '../agencies/agencies.module';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { EvidencePagesController } from './evidence.pages.controller';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage.driver';
import { evidenceUploadOptions } from './upload/upload.options';
import { EvidenceFilesService } from './evidence-files.service';
import { EvidenceController } from './evidence.controller';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';
import { StaleUploadSweeper } from './stale-upload.sweeper';
import { StorageModule } from '../storage/storage.module';
import { EVIDENCE_STATUS_WRITER } from '../workflow-core/evidence-status.port';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';
import { PeriodLookupModule } from '../periods/period-lookup.module';

@Module({
  imports: [
    PeriodLookupModule,
    WorkflowCoreModule,
    StorageModule,
    AgencyDataModule,
    AgenciesModule,
    MulterModule.registerAsync({
      imports: [StorageModule],
      inject: [STORAGE_DRIVER, APP_CONFIG],
      useFactory: (driver: StorageDriver, config: AppConfig) =>
        evidenceUploadOptions(driver, { maxFileBytes: config.storage.maxFileBytes, maxFiles: 20 }),
    }),
  ],
  controllers: [EvidenceController, EvidencePagesController],
  providers: [
    EvidenceService,
    EvidenceFilesService,
    EvidenceRepository,
    { provide: EVIDENCE_STATUS_WRITER, useExisting: EvidenceRepository },
    StaleUploadSweeper,
  ],
  exports: [EvidenceService, EvidenceRepository, EvidenceFilesService, EVIDENCE_STATUS_WRITER],
})
export class EvidenceModule {}
