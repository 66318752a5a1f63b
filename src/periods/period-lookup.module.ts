import { Module } from '@nestjs/common';
import { PeriodLookup } from './period-lookup';
import { PeriodRepository } from './period.repository';

/** Period lookups for every feature that shows or changes a period's data. */
@Module({
  providers: [PeriodLookup, PeriodRepository],
  exports: [PeriodLookup, PeriodRepository],
})
export class PeriodLookupModule {}
