import { Module } from '@nestjs/common';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { PeriodLookupModule } from '../periods/period-lookup.module';
import { UnitRepository } from '../units/unit.repository';
import { ApplicationRepository } from './application.repository';
import { ApplicationsController } from './applications.controller';
import { ApplicationsPagesController } from './applications.pages.controller';
import { ApplicationsService } from './applications.service';

@Module({
  imports: [AgencyDataModule, PeriodLookupModule],
  controllers: [ApplicationsController, ApplicationsPagesController],
  providers: [ApplicationsService, ApplicationRepository, UnitRepository],
  exports: [ApplicationsService, ApplicationRepository],
})
export class ApplicationsModule {}
