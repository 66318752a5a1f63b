import { Module } from '@nestjs/common';
import { AgencyWriter } from './agency-writer';
import { HistoryModule } from '../history/history.module';

/** What every agency-data feature shares: the transactional writer and the history of records. */
@Module({
  imports: [HistoryModule],
  providers: [AgencyWriter],
  exports: [AgencyWriter, HistoryModule],
})
export class AgencyDataModule {}
