import { Module } from '@nestjs/common';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';

/** The history of agency-data records, read from the change log: the API and the pages' history. */
@Module({
  controllers: [HistoryController],
  providers: [HistoryRepository],
  exports: [HistoryRepository],
})
export class HistoryModule {}
