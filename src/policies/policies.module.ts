import { Module } from '@nestjs/common';
import { AgenciesModule } from '../agencies/agencies.module';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { PoliciesController } from './policies.controller';
import { PoliciesPagesController } from './policies.pages.controller';
import { PoliciesService } from './policies.service';
import { PolicyRepository } from './policy.repository';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';

@Module({
  // EvidenceModule: its repository writes the records' evidence links (the link tables' one writer).
  imports: [WorkflowCoreModule, AgencyDataModule, EvidenceModule, AgenciesModule],
  controllers: [PoliciesController, PoliciesPagesController],
  providers: [PoliciesService, PolicyRepository],
})
export class PoliciesModule {}
