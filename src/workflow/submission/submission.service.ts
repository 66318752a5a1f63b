import { ModuleRef } from '@nestjs/core';
import { scoredAsPackage } from '../../framework/framework.registry';
import { packageLevels } from '../../workflow-core/package-levels.port';
import { BadRequestException, ConflictException, Inject, Injectable } from '@nestjs/common';
import { Actor } from '../../access/actor';
import { AssessmentRepository } from '../../assessments/assessment.repository';
import { ASSESSED_INDICATORS, AssessmentsService } from '../../assessments/assessments.service';
import { Lang } from '../../i18n/i18n';
import { Period } from '../../periods/period.entity';
import { allows } from '../../workflow-core/stage-rules';
import { UnitOfWork } from '../../workflow-core/unit-of-work';
import { WorkflowStateRepository } from '../../workflow-core/workflow-state.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { SubmitDto } from './submission.dto';
import { SubmissionRepository } from './submission.repository';
import { refuse } from '../../i18n/refusal';

export interface SubmissionCheck {
  year: number;
  stage: string;
  submitted: { at: Date; byName: string } | null;
  claims: {
    indicator: number;
    claimed: number | null;
    supported: number;
    aboveSupported: boolean;
    link: string;
  }[];
  /** Indicators without a claim: submission waits for them. */
  missingClaims: number[];
  /** Evidence still in draft: it does not count and will be locked as it is. */
  drafts: { id: string; title: string; kind: string; link: string }[];
  /** Claims above the supported level plus drafts; submitting needs acknowledgeWarnings. */
  warnings: number;
  /** The stage allows submission now (not submitted yet, self-assessment). */
  open: boolean;
  canSubmit: boolean;
}

/** The coordinator's submission: a check first, then one step that locks the agency's data. */
@Injectable()
export class SubmissionService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(SubmissionRepository) private readonly repo: SubmissionRepository,
    @Inject(AssessmentsService) private readonly assessments: AssessmentsService,
    @Inject(WorkflowStateRepository) private readonly state: WorkflowStateRepository,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
    @Inject(AssessmentRepository) private readonly assessmentRows: AssessmentRepository,
  ) {}

  /** A package period's claims: every indicator the agency claims, none scored above (no engine level to compare). */
  private async packageClaims(agencyId: string, period: Period) {
    const claimable = await packageLevels(this.moduleRef).claimable(period);
    const claimed = await this.assessmentRows.claimedLevels(agencyId, period.id);
    return claimable.map((n) => ({
      indicator: n,
      claimed: claimed.get(n) ?? null,
      supported: 0,
      aboveSupported: false,
      link: `/agencies/${agencyId}/periods/${period.year}/pemdi#I${n}`,
    }));
  }

  async check(agencyId: string, period: Period, lang: Lang = 'id'): Promise<SubmissionCheck> {
    const submission = await this.repo.find(agencyId, period.id);
    const drafts = await this.repo.itemsWithStatus(agencyId, period.id, ['draft']);
    const base = `/agencies/${agencyId}`;
    const claims = scoredAsPackage(period)
      ? await this.packageClaims(agencyId, period)
      : (await this.assessments.view(agencyId, period, lang)).indicators.map((i) => ({
          indicator: i.indicator,
          claimed: i.claimed,
          supported: i.supported,
          aboveSupported: i.claimAboveSupported,
          link: `${base}/periods/${period.year}/indicators/${i.indicator}`,
        }));
    const missingClaims = claims.filter((c) => c.claimed === null).map((c) => c.indicator);
    const open = allows('assessment.submit', { stage: period.stage, submitted: submission !== null });
    return {
      year: period.year,
      stage: period.stage,
      submitted: submission ? { at: submission.submittedAt, byName: submission.submittedByName } : null,
      claims,
      missingClaims,
      drafts: drafts.map((d) => ({
        id: d.id,
        title: d.title,
        kind: d.kind,
        link: `${base}/evidence/${d.id}`,
      })),
      warnings: claims.filter((c) => c.aboveSupported).length + drafts.length,
      open,
      canSubmit: open && missingClaims.length === 0,
    };
  }

  async submit(actor: Actor, agencyId: string, period: Period, dto: SubmitDto): Promise<SubmissionCheck> {
    const check = await this.check(agencyId, period);
    // A submission changes no fact the engine scores: nothing is recomputed.
    await this.uow
      .write(actor, agencyId, async (w) => {
        const m = w.m;
        // Exclusive on the agency row: writers of its data share it, so none is half-way through.
        await this.state.shareAgency(agencyId, m, true);
        await w.allowNoFacts('assessment.submit', { periodId: period.id });
        const claimed = await this.assessmentRows.claimedIndicators(agencyId, period.id, m);
        const required = scoredAsPackage(period)
          ? await packageLevels(this.moduleRef).claimable(period, m)
          : ASSESSED_INDICATORS;
        const missing = required.filter((n) => !claimed.includes(n));
        if (missing.length)
          throw refuse(BadRequestException, 'msg.submission.no_claim', { indicators: missing.join(', ') });
        if (check.warnings > 0 && dto.acknowledgeWarnings !== true) {
          const above = check.claims.filter((c) => c.aboveSupported).map((c) => c.indicator);
          throw refuse(BadRequestException, 'msg.submission.acknowledge', {
            claims: above.length,
            indicators: above.length ? above.join(', ') : '–',
            drafts: check.drafts.length,
          });
        }
        const warnings = {
          claimsAboveSupported: check.claims.filter((c) => c.aboveSupported).map((c) => c.indicator),
          drafts: check.drafts.map((d) => d.id),
        };
        await this.repo.insert(m, {
          agencyId,
          periodId: period.id,
          userId: actor.userId,
          userName: actor.username,
          warnings,
        });
        for (const id of await this.assessmentRows.submitDrafts(agencyId, period.id, m)) {
          await w.log({
            entityType: 'assessment',
            entityId: id,
            action: 'update',
            before: { status: 'draft' },
            after: { status: 'submitted' },
          });
        }
        await w.audit({
          action: 'assessment.submitted',
          actorName: actor.username,
          subjectType: 'agency',
          subjectId: agencyId,
          detail: { year: period.year, ...warnings },
        });
        await this.notifications.notify(m, {
          kind: 'submitted',
          agencyId,
          link: `/agencies/${agencyId}/workflow?year=${period.year}`,
          payload: { agency: await this.state.agencyName(m, agencyId), year: period.year },
          agencyRoles: ['internal_assessor'],
          evaluatorsOfPeriod: period.id,
          // The evaluator acts on the review page of the agency, not on its workflow page.
          evaluatorLink: `/review/agencies/${agencyId}?year=${period.year}`,
          except: actor.userId,
        });
      })
      .catch((error: unknown) => {
        // Two submissions at once: the second meets the first one's row.
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23505')
          throw refuse(ConflictException, 'msg.assessment.already_submitted');
        throw error;
      });
    return this.check(agencyId, period);
  }

  /** Evidence the internal assessor may still return before submission. */
  submittedItems(agencyId: string, period: Period) {
    return this.repo.itemsWithStatus(agencyId, period.id, ['submitted']);
  }

  returnedItems(agencyId: string, period: Period) {
    return this.repo.itemsWithStatus(agencyId, period.id, ['needs_revision']);
  }
}
