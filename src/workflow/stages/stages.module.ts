import { Module } from '@nestjs/common';
import { PeriodLookupModule } from '../../periods/period-lookup.module';
import { PeriodsModule } from '../../periods/periods.module';
import { FreezeModule } from '../freeze/freeze.module';
import { PeriodConfirmPagesController } from './period-confirm.pages.controller';
import { PeriodPagesController } from './period.pages.controller';
import { StagesController } from './stages.controller';
import { StagesService } from './stages.service';

@Module({
  imports: [PeriodsModule, PeriodLookupModule, FreezeModule],
  controllers: [StagesController, PeriodPagesController, PeriodConfirmPagesController],
  providers: [StagesService],
})
export class StagesModule {}
