import { Module } from '@nestjs/common';
import { PeriodsModule } from './periods.module';
import { FreezeModule } from '../freeze/freeze.module';
import { PeriodConfirmPagesController } from './period-confirm.pages.controller';
import { PeriodPagesController } from './period.pages.controller';
import { StagesController } from './stages.controller';
import { StagesService } from './stages.service';

@Module({
  imports: [PeriodsModule, FreezeModule],
  controllers: [StagesController, PeriodPagesController, PeriodConfirmPagesController],
  providers: [StagesService],
})
export class StagesModule {}
