import { Module } from '@nestjs/common';
import { FrameworkPackagesModule } from '../../framework-packages/framework-packages.module';
import { PeriodLookupModule } from '../../periods/period-lookup.module';
import { PeriodsController } from './periods.controller';
import { PeriodsService } from './periods.service';
import { WorkflowCoreModule } from '../../workflow-core/workflow-core.module';

@Module({
  imports: [WorkflowCoreModule, FrameworkPackagesModule, PeriodLookupModule],
  controllers: [PeriodsController],
  providers: [PeriodsService],
  exports: [PeriodsService],
})
export class PeriodsModule {}
