import { ApplicationsModule } from '../applications/applications.module';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EvidenceModule } from '../evidence/evidence.module';
import { IntegrationsModule } from '../integrations/integrations.module';
import { HubAssetsController } from './hub-assets.controller';
import { HubCatalogController } from './hub-catalog.controller';
import { HubCatalogEvidenceController } from './hub-catalog-evidence.controller';
import { HubCatalogRepository } from './hub-catalog.repository';
import { HubContextRepository } from './hub-context.repository';
import { HubContextService } from './hub-context.service';
import { HubDerivationService } from './hub-derivation.service';
import { HubDirectoryController } from './hub-directory.controller';
import { HubDirectoryRepository } from './hub-directory.repository';
import { HubDirectoryService } from './hub-directory.service';
import { HubEvidenceService } from './hub-evidence.service';
import { HubFiguresRepository } from './hub-figures.repository';
import { HubFiguresService } from './hub-figures.service';
import { HubHealthRepository } from './hub-health.repository';
import { HubHealthService } from './hub-health.service';
import { HubImportService } from './hub-import.service';
import { HubImportsRepository } from './hub-imports.repository';
import { HubIntegrationsRepository } from './hub-integrations.repository';
import { HubRecordsRepository } from './hub-records.repository';
import { HubRulesPagesController } from './hub-rules.pages.controller';
import { HubRulesRepository } from './hub-rules.repository';
import { HubRulesService } from './hub-rules.service';
import { hubUploadOptions } from './hub-upload';
import { HubController } from './hub.controller';
import { HubPagesController } from './hub.pages.controller';
import { HUB_SOURCE, HubSource } from './hub-source';
import { PeriodLookupModule } from '../periods/period-lookup.module';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';
import { StorageModule } from '../storage/storage.module';

/** Hub usage data: imports, attribution to units, figures, derived integrations and evidence. */
@Module({
  imports: [
    StorageModule,
    WorkflowCoreModule,
    PeriodLookupModule,
    ApplicationsModule,
    IntegrationsModule,
    // Its repository is the one writer of evidence and its links (hub evidence, catalogue evidence).
    EvidenceModule,
    // Hub exports go to a temporary file, limited like evidence uploads (UPLOAD_MAX_FILE_MB).
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => hubUploadOptions(config.storage.maxFileBytes),
    }),
  ],
  controllers: [
    HubController,
    HubPagesController,
    HubRulesPagesController,
    HubAssetsController,
    HubDirectoryController,
    HubCatalogController,
    HubCatalogEvidenceController,
  ],
  providers: [
    HubImportService,
    HubImportsRepository,
    HubRecordsRepository,
    HubContextRepository,
    HubContextService,
    HubDerivationService,
    HubIntegrationsRepository,
    HubFiguresRepository,
    HubFiguresService,
    HubRulesRepository,
    HubRulesService,
    HubEvidenceService,
    HubDirectoryRepository,
    HubDirectoryService,
    HubCatalogRepository,
    HubHealthRepository,
    HubHealthService,
    {
      provide: HUB_SOURCE,
      inject: [HubFiguresService, HubDirectoryService],
      useFactory: (figures: HubFiguresService, directory: HubDirectoryService): HubSource => ({
        figures: (agencyId, year) => figures.compute(agencyId, year, null),
        directory: (agencyIds) => directory.entriesFor(agencyIds),
      }),
    },
  ],
  exports: [
    HUB_SOURCE,
    HubImportService,
    HubEvidenceService,
    HubContextRepository,
    HubContextService,
    HubHealthService,
    HubHealthRepository,
    HubIntegrationsRepository,
  ],
})
export class HubModule {}
