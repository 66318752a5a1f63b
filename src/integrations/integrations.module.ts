import { Module } from '@nestjs/common';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { IntegrationRepository } from './integration.repository';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsPagesController } from './integrations.pages.controller';
import { IntegrationsService } from './integrations.service';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';

@Module({
  // EvidenceModule: its repository writes the records' evidence links (the link tables' one writer).
  imports: [WorkflowCoreModule, AgencyDataModule, EvidenceModule],
  controllers: [IntegrationsController, IntegrationsPagesController],
  providers: [IntegrationsService, IntegrationRepository],
  // The hub keeps the integrations its data proves in step through the same repository.
  exports: [IntegrationRepository],
})
export class IntegrationsModule {}
