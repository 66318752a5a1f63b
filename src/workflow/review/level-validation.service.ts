import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Actor } from '../../access/actor';
import { AssessmentRepository } from '../../assessments/assessment.repository';
import { LevelsReader } from '../../levels/levels-reader';
import { Period } from '../../periods/period.entity';
import { ASSESSED_INDICATORS } from '../../assessments/assessments.service';
import { notAssessed } from '../../assessments/parse-indicator.pipe';
import { scoredAsPackage } from '../../framework/framework.registry';
import { assertVersion } from '../../database/optimistic-version';
import { UnitOfWork } from '../../workflow-core/unit-of-work';
import { packageLevels } from '../../workflow-core/package-levels.port';
import { WorkflowLock } from '../../workflow-core/workflow-lock';
import { ValidationDto } from './review.dto';
import { ReviewRepository } from './review.repository';
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
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
    @Inject(LevelsReader) private readonly levels: LevelsReader,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(AssessmentRepository) private readonly assessments: AssessmentRepository,
    @Inject(ReviewRepository) private readonly review: ReviewRepository,
  ) {}

  async validate(
    actor: Actor,
    agencyId: string,
    period: Period,
    indicator: number,
    dto: ValidationDto,
  ): Promise<ValidatedView> {
    // A period on a framework package (Pemdi 2026) validates its own indicators, against the claim.
    const asPackage = scoredAsPackage(period);
    if (asPackage) await packageLevels(this.moduleRef).checkValidation(period, indicator, dto.validatedLevel);
    else if (!(ASSESSED_INDICATORS as readonly number[]).includes(indicator)) throw notAssessed();
    await this.lock.assertEvaluatorAssigned(actor, agencyId, period.id);
    await this.levels.snapshot(agencyId, period);
    // A validation changes no fact the engine scores: nothing is recomputed.
    return this.uow.write(actor, agencyId, async (w) => {
      const m = w.m;
      await w.allowNoFacts('assessment.validate', { periodId: period.id });
      // A package period's reference is the agency's claim (0 without one).
      const verified = asPackage
        ? await this.assessments.claimedLevel(m, agencyId, period.id, indicator)
        : await this.review.verifiedLevel(m, agencyId, period.id, indicator);
      const note = dto.note?.trim() || null;
      if (dto.validatedLevel !== verified && !note) {
        throw refuse(
          BadRequestException,
          asPackage ? 'msg.pemdi.note_required' : 'msg.review.note_required',
          {
            validated: dto.validatedLevel,
            verified,
          },
        );
      }
      const existing = await this.assessments.lockIndicator(m, agencyId, period.id, indicator);
      if (existing) assertVersion(existing.version, dto.version);
      const before = existing ? { ...existing } : null;
      // An agency that never claimed still gets a validated level (its claim stays 0).
      const saved = await this.assessments.save(
        m,
        Object.assign(existing ?? this.assessments.create(m, { agencyId, periodId: period.id, indicator }), {
          validatedLevel: dto.validatedLevel,
          validationNote: note,
          status: 'reviewed' as const,
        }),
      );
      await w.log({
        entityType: 'assessment',
        entityId: saved.id,
        action: existing ? 'update' : 'create',
        before,
        after: saved,
      });
      await w.audit({
        action: 'assessment.validated',
        actorName: actor.username,
        subjectType: 'assessment',
        subjectId: saved.id,
        detail: { year: period.year, indicator, verified, validated: dto.validatedLevel, note },
      });
      if (asPackage) await packageLevels(this.moduleRef).storeIndex(m, agencyId, period);
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
