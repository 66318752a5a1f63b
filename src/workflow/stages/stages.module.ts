import { Module } from '@nestjs/common';
import { FreezeModule } from '../freeze/freeze.module';
import { PeriodsModule } from './periods.module';
import { PeriodConfirmPagesController } from './period-confirm.pages.controller';
import { PeriodPagesController } from './period.pages.controller';
import { StagesController } from './stages.controller';
import { StagesService } from './stages.service';
import { PeriodLookupModule } from '../../periods/period-lookup.module';
import { WorkflowCoreModule } from '../../workflow-core/workflow-core.module';

@Module({
  imports: [WorkflowCoreModule, PeriodLookupModule, PeriodsModule, FreezeModule],
  controllers: [StagesController, PeriodPagesController, PeriodConfirmPagesController],
  providers: [StagesService],
})
export class StagesModule {}
