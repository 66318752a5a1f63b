import { Module } from '@nestjs/common';
import { AgencyWriter } from './agency-writer';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';

/** What every agency-data feature shares: the transactional writer and the history of records. */
@Module({
  controllers: [HistoryController],
  providers: [AgencyWriter, HistoryRepository],
  exports: [AgencyWriter, HistoryRepository],
})
export class AgencyDataModule {}
