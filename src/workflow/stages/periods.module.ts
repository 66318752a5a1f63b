import { Module } from '@nestjs/common';
import { FrameworkPackagesModule } from '../../framework-packages/framework-packages.module';
import { PeriodLookupModule } from '../../periods/period-lookup.module';
import { PeriodsController } from './periods.controller';
import { PeriodsService } from './periods.service';

@Module({
  imports: [FrameworkPackagesModule, PeriodLookupModule],
  controllers: [PeriodsController],
  providers: [PeriodsService],
  exports: [PeriodsService],
})
export class PeriodsModule {}
