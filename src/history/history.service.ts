import { Inject, Injectable } from '@nestjs/common';
import { HistoryEntry, HistoryRepository } from './history.repository';

/** The history of one agency-data record, as the API and the record pages show it. */
@Injectable()
export class HistoryService {
  constructor(@Inject(HistoryRepository) private readonly history: HistoryRepository) {}

  find(agencyId: string, entityType: string, entityId: string): Promise<HistoryEntry[]> {
    return this.history.find(agencyId, entityType, entityId);
  }
}
