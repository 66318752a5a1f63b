import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor } from '../access/actor';
import { ChangeLogService } from '../changes/change-log.service';
import { Change } from '../changes/change.entity';
import { LevelsService } from '../levels/levels.service';
import { WorkflowLock } from '../workflow/core/workflow-lock';
import { refuse } from '../i18n/refusal';

export interface ChangeEntry {
  entityType: string;
  entityId: string;
  action: Change['action'];
  before?: object | null;
  after?: object | null;
}
export type LogChange = (entry: ChangeEntry) => Promise<void>;

/**
 * Runs one write of agency data: the change, its history entries and the recompute of the
 * agency's stored levels, all in one transaction, once the workflow lock allows the write.
 * Work must use only the given manager.
 */
@Injectable()
export class AgencyWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ChangeLogService) private readonly changes: ChangeLogService,
    @Inject(LevelsService) private readonly levels: LevelsService,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
  ) {}

  async run<T>(
    actor: Actor,
    agencyId: string,
    work: (m: EntityManager, log: LogChange) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.dataSource.transaction(async (m) => {
        // A submitted (or reviewed) assessment locks the data behind it: 409 naming the lock.
        await this.lock.assertAgencyEditable(agencyId, m);
        const log: LogChange = (entry) => this.changes.record(m, actor, { ...entry, agencyId });
        const result = await work(m, log);
        await this.levels.recompute([agencyId], m);
        return result;
      });
    } catch (error) {
      // A concurrent insert can still hit a unique index after the service's own check.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw refuse(ConflictException, 'msg.data.duplicate');
      }
      throw error;
    }
  }
}
