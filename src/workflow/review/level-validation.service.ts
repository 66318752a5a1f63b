import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../access/actor';
import { Assessment } from '../../assessments/assessment.entity';
import { AuditService } from '../../audit/audit.service';
import { ChangeLogService } from '../../changes/change-log.service';
import { LevelsService } from '../../levels/levels.service';
import { Period } from '../../periods/period.entity';
import { assertVersion } from '../core/item-checks';
import { WorkflowLock } from '../core/workflow-lock';
import { ValidationDto } from './review.dto';
import { refuse } from '../../i18n/refusal';

export interface ValidatedView {
  indicator: number;
  verified: number;
  validated: number;
  validationNote: string | null;
  status: string;
  version: number;
}

/** The evaluator's validated level (nilai akhir) per indicator; a different level needs a note. */
@Injectable()
export class LevelValidationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
    @Inject(LevelsService) private readonly levels: LevelsService,
    @Inject(ChangeLogService) private readonly changes: ChangeLogService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async validate(
    actor: Actor,
    agencyId: string,
    period: Period,
    indicator: number,
    dto: ValidationDto,
  ): Promise<ValidatedView> {
    await this.lock.assertEvaluatorAssigned(actor, agencyId, period.id);
    await this.levels.snapshot(agencyId, period);
    return this.dataSource.transaction(async (m) => {
      await this.lock.assertAllowed(m, 'assessment.validate', { agencyId, periodId: period.id, actor });
      const verified = await verifiedLevel(m, agencyId, period.id, indicator);
      const note = dto.note?.trim() || null;
      if (dto.validatedLevel !== verified && !note) {
        throw refuse(BadRequestException, 'msg.review.note_required', {
          validated: dto.validatedLevel,
          verified,
        });
      }
      const repo = m.getRepository(Assessment);
      await m.query(
        'SELECT 1 FROM assessment WHERE agency_id = $1 AND period_id = $2 AND indicator = $3 FOR UPDATE',
        [agencyId, period.id, indicator],
      );
      const existing = await repo.findOne({ where: { agencyId, periodId: period.id, indicator } });
      if (existing) assertVersion(existing, dto.version);
      const before = existing ? { ...existing } : null;
      // An agency that never claimed still gets a validated level (its claim stays 0).
      const saved = await repo.save(
        Object.assign(existing ?? repo.create({ agencyId, periodId: period.id, indicator }), {
          validatedLevel: dto.validatedLevel,
          validationNote: note,
          status: 'reviewed' as const,
        }),
      );
      await this.changes.record(m, actor, {
        entityType: 'assessment',
        entityId: saved.id,
        agencyId,
        action: existing ? 'update' : 'create',
        before,
        after: saved,
      });
      await this.audit.record(
        {
          action: 'assessment.validated',
          actorId: actor.userId,
          actorName: actor.username,
          subjectType: 'assessment',
          subjectId: saved.id,
          agencyId,
          detail: { year: period.year, indicator, verified, validated: dto.validatedLevel, note },
        },
        m,
      );
      return {
        indicator,
        verified,
        validated: dto.validatedLevel,
        validationNote: note,
        status: saved.status,
        version: saved.version,
      };
    });
  }
}

async function verifiedLevel(
  m: EntityManager,
  agencyId: string,
  periodId: string,
  indicator: number,
): Promise<number> {
  const rows: { level: number }[] = await m.query(
    `SELECT level FROM level_result
     WHERE agency_id = $1 AND period_id = $2 AND basis = 'verified' AND indicator = $3 AND unit_key = ''`,
    [agencyId, periodId, indicator],
  );
  return rows[0]?.level ?? 0;
}
