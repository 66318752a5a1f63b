import { Module } from '@nestjs/common';
import { PeriodRepository } from './period.repository';
import { PeriodsController } from './periods.controller';
import { PeriodsService } from './periods.service';

@Module({
  controllers: [PeriodsController],
  providers: [PeriodsService, PeriodRepository],
  exports: [PeriodsService],
})
export class PeriodsModule {}
