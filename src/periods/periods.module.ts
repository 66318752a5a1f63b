import { Module } from '@nestjs/common';
import { FrameworkPackagesModule } from '../framework-packages/framework-packages.module';
import { PeriodRepository } from './period.repository';
import { PeriodsController } from './periods.controller';
import { PeriodsService } from './periods.service';

@Module({
  imports: [FrameworkPackagesModule],
  controllers: [PeriodsController],
  providers: [PeriodsService, PeriodRepository],
  exports: [PeriodsService],
})
export class PeriodsModule {}
