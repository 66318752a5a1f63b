import { Module } from '@nestjs/common';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { IntegrationRepository } from './integration.repository';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsPagesController } from './integrations.pages.controller';
import { IntegrationsService } from './integrations.service';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';

@Module({
  imports: [WorkflowCoreModule, AgencyDataModule],
  controllers: [IntegrationsController, IntegrationsPagesController],
  providers: [IntegrationsService, IntegrationRepository],
  // The hub keeps the integrations its data proves in step through the same repository.
  exports: [IntegrationRepository],
})
export class IntegrationsModule {}
