import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { FrameworkPackagesModule } from '../framework-packages/framework-packages.module';
import { CrosswalkCarryService } from './crosswalk-carry.service';
import { CrosswalkController } from './crosswalk.controller';
import { CrosswalkPagesController } from './crosswalk.pages.controller';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';
import { PeriodLookupModule } from '../periods/period-lookup.module';

/** Carry-over of evidence between frameworks by the crosswalk: preview, confirm, commit. */
@Module({
  imports: [PeriodLookupModule, WorkflowCoreModule, EvidenceModule, FrameworkPackagesModule],
  controllers: [CrosswalkController, CrosswalkPagesController],
  providers: [CrosswalkCarryService],
})
export class CrosswalkModule {}
