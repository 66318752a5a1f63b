import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor } from '../../access/actor';
import { PeriodRepository } from '../../periods/period.repository';
import { PeriodView } from './periods.dto';
import { periodView } from './periods.service';
import { FrozenResultsReader } from '../../workflow-core/frozen-results.reader';
import { assertVersion } from '../../database/optimistic-version';
import { UnitOfWork } from '../../workflow-core/unit-of-work';
import { MoveStageDto } from './stages.dto';
import { refuse } from '../../i18n/refusal';
import { msg } from '../../i18n/message';

/** The admin moves a period between stages; every move is audited. */
@Injectable()
export class StagesService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(FrozenResultsReader) private readonly frozen: FrozenResultsReader,
    @Inject(PeriodRepository) private readonly periods: PeriodRepository,
  ) {}

  async move(actor: Actor, year: number, dto: MoveStageDto): Promise<PeriodView> {
    return this.uow.national(actor, async (w) => {
      const m = w.m;
      const locked = await this.periods.lockByYear(year, m);
      if (!locked) throw refuse(NotFoundException, 'msg.period.none_for_year', { year });
      assertVersion(locked.version, dto.version);
      const period = (await this.periods.findByYear(year, m))!;
      const from = period.stage;
      if (from === dto.stage)
        throw refuse(ConflictException, 'msg.stages.already', { stage: msg(`stage.${from}`) });
      if (from === 'final' && (await this.frozen.anyFrozen(period.id, m)))
        throw refuse(ConflictException, 'msg.stages.frozen', { year });
      period.stage = dto.stage;
      if (dto.stage === 'final') {
        // The last snapshot before the facts stop following live data, stored with its facts
        // (a final period's are kept): freezing reads them.
        w.touch(period);
      }
      const saved = await this.periods.save(period, m);
      await w.log({
        entityType: 'period',
        entityId: period.id,
        action: 'update',
        before: { stage: from },
        after: { stage: dto.stage },
      });
      await w.audit({
        action: 'period.stage_changed',
        actorName: actor.username,
        subjectType: 'period',
        subjectId: period.id,
        detail: { year, from, to: dto.stage },
      });
      return periodView(saved);
    });
  }
}
