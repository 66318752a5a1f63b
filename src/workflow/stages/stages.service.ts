import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../../access/actor';
import { AuditService } from '../../audit/audit.service';
import { ChangeLogService } from '../../changes/change-log.service';
import { LevelsService } from '../../levels/levels.service';
import { Period } from '../../periods/period.entity';
import { PeriodView } from '../../periods/periods.dto';
import { periodView } from '../../periods/periods.service';
import { FrozenResultsReader } from '../core/frozen-results.reader';
import { assertVersion } from '../core/item-checks';
import { MoveStageDto } from './stages.dto';
import { refuse } from '../../i18n/refusal';
import { msg } from '../../i18n/message';

/** The admin moves a period between stages; every move is audited. */
@Injectable()
export class StagesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LevelsService) private readonly levels: LevelsService,
    @Inject(FrozenResultsReader) private readonly frozen: FrozenResultsReader,
    @Inject(ChangeLogService) private readonly changes: ChangeLogService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async move(actor: Actor, year: number, dto: MoveStageDto): Promise<PeriodView> {
    return this.dataSource.transaction(async (m) => {
      await m.query('SELECT 1 FROM period WHERE year = $1 FOR UPDATE', [year]);
      const period = await m.getRepository(Period).findOne({ where: { year } });
      if (!period) throw refuse(NotFoundException, 'msg.period.none_for_year', { year });
      assertVersion(period, dto.version);
      const from = period.stage;
      if (from === dto.stage)
        throw refuse(ConflictException, 'msg.stages.already', { stage: msg(`stage.${from}`) });
      if (from === 'final' && (await this.frozen.anyFrozen(period.id, m)))
        throw refuse(ConflictException, 'msg.stages.frozen', { year });
      period.stage = dto.stage;
      if (dto.stage === 'final') {
        // The last snapshot before the facts stop following live data, stored with its facts
        // (a final period's are kept): freezing reads them.
        const agencies: { id: string }[] = await m.query('SELECT id FROM agency');
        if (agencies.length)
          await this.levels.recompute(
            agencies.map((a) => a.id),
            m,
            period,
          );
      }
      const saved = await m.getRepository(Period).save(period);
      await this.changes.record(m, actor, {
        entityType: 'period',
        entityId: period.id,
        agencyId: null,
        action: 'update',
        before: { stage: from },
        after: { stage: dto.stage },
      });
      await this.audit.record(
        {
          action: 'period.stage_changed',
          actorId: actor.userId,
          actorName: actor.username,
          subjectType: 'period',
          subjectId: period.id,
          detail: { year, from, to: dto.stage },
        },
        m,
      );
      return periodView(saved);
    });
  }
}
