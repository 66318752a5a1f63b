import { Module } from '@nestjs/common';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { PeriodLookupModule } from '../periods/period-lookup.module';
import { UnitsModule } from '../units/units.module';
import { ApplicationRepository } from './application.repository';
import { ApplicationsController } from './applications.controller';
import { ApplicationsPagesController } from './applications.pages.controller';
import { ApplicationsService } from './applications.service';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';

@Module({
  imports: [WorkflowCoreModule, AgencyDataModule, PeriodLookupModule, UnitsModule],
  controllers: [ApplicationsController, ApplicationsPagesController],
  providers: [ApplicationsService, ApplicationRepository],
  exports: [ApplicationsService, ApplicationRepository],
})
export class ApplicationsModule {}
