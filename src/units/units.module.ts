import { Module } from '@nestjs/common';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { UnitRepository } from './unit.repository';
import { UnitsController } from './units.controller';
import { UnitsPagesController } from './units.pages.controller';
import { UnitsService } from './units.service';
import { PeriodLookupModule } from '../periods/period-lookup.module';
import { LevelsModule } from '../levels/levels.module';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';

@Module({
  imports: [WorkflowCoreModule, LevelsModule, PeriodLookupModule, AgencyDataModule],
  controllers: [UnitsController, UnitsPagesController],
  providers: [UnitsService, UnitRepository],
  exports: [UnitsService, UnitRepository],
})
export class UnitsModule {}
