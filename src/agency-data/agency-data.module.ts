import { Module } from '@nestjs/common';
import { HistoryModule } from '../history/history.module';

/**
 * What every agency-data feature shares: the history of records. Writes go through the unit of
 * work (src/workflow-core/unit-of-work.ts), provided with the workflow lock it takes.
 */
@Module({
  imports: [HistoryModule],
  exports: [HistoryModule],
})
export class AgencyDataModule {}
