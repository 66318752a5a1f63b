import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Actor } from '../../access/actor';
import { AgenciesService } from '../../agencies/agencies.service';
import { AssessmentsService } from '../../assessments/assessments.service';
import { Lang } from '../../i18n/i18n';
import { Period } from '../../periods/period.entity';
import { WorkflowLock } from '../../workflow-core/workflow-lock';
import { packageLevels } from '../../workflow-core/package-levels.port';
import { scoredAsPackage } from '../../framework/framework.registry';
import { InterviewRepository, RoundView } from '../interview/interview.repository';
import { DecisionRow, QueueRow, ReviewFileRow, ReviewItemRow, ReviewRepository } from './review.repository';
import { PeriodLookup } from '../../periods/period-lookup';
import { refuse } from '../../i18n/refusal';

const PREVIEW: Record<string, 'pdf' | 'image'> = {
  'application/pdf': 'pdf',
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/webp': 'image',
};

export interface ReviewItem extends ReviewItemRow {
  files: (Omit<ReviewFileRow, 'evidenceId' | 'size'> & {
    size: number;
    url: string;
    preview: 'pdf' | 'image' | null;
  })[];
  lastDecision: Omit<DecisionRow, 'evidenceId'> | null;
  openRound: RoundView | null;
}

export interface ReviewView {
  agency: { id: string; name: string };
  period: { year: number; stage: string };
  submittedAt: Date | null;
  indicators: {
    indicator: number;
    /** A period on a framework package (Pemdi 2026): the indicator's code and name; no engine levels. */
    code?: string;
    name?: string;
    claimed: number | null;
    supported: number | null;
    verified: number | null;
    validated: number | null;
    validationNote: string | null;
    version: number | null;
  }[];
  items: ReviewItem[];
}

/** What evaluators work through: their agencies, then one agency's items and levels. */
@Injectable()
export class ReviewQueueService {
  constructor(
    @Inject(ReviewRepository) private readonly repo: ReviewRepository,
    @Inject(InterviewRepository) private readonly rounds: InterviewRepository,
    @Inject(PeriodLookup) private readonly periods: PeriodLookup,
    @Inject(AssessmentsService) private readonly assessments: AssessmentsService,
    @Inject(AgenciesService) private readonly agencies: AgenciesService,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  async period(year?: number): Promise<Period> {
    const period = await this.periods.current(year);
    if (!period)
      throw year
        ? refuse(NotFoundException, 'msg.period.none_for_year', { year })
        : refuse(NotFoundException, 'msg.period.none');
    return period;
  }

  /** Evaluators see the agencies assigned to them for the period; admins see every agency. */
  async queue(actor: Actor, period: Period): Promise<QueueRow[]> {
    const ids = actor.role === 'admin' ? null : await this.repo.assignedAgencyIds(actor.userId, period.id);
    return this.repo.queue(period.id, ids);
  }

  async agency(actor: Actor, agencyId: string, period: Period, lang: Lang): Promise<ReviewView> {
    await this.lock.assertEvaluatorAssigned(actor, agencyId, period.id);
    const agency = await this.agencies.findById(agencyId);
    if (!agency) throw refuse(NotFoundException, 'msg.not_found.agency');
    const indicators = scoredAsPackage(period)
      ? (await packageLevels(this.moduleRef).reviewRows(agencyId, period, lang)).map((r) => ({
          ...r,
          supported: null,
          verified: null,
        }))
      : (await this.assessments.view(agencyId, period, lang)).indicators.map((i) => ({
          indicator: i.indicator,
          claimed: i.claimed,
          supported: i.supported,
          verified: i.verified,
          validated: i.validated,
          validationNote: i.validationNote,
          version: i.version,
        }));
    const [queueRow] = await this.repo.queue(period.id, [agencyId]);
    const rows = await this.repo.items(agencyId, period.id);
    const ids = rows.map((r) => r.id);
    const [files, decisions, open] = ids.length
      ? await Promise.all([
          this.repo.currentFiles(ids),
          this.repo.lastDecisions(ids),
          this.rounds.openRounds(ids),
        ])
      : [[], [], []];
    return {
      agency: { id: agency.id, name: agency.name },
      period: { year: period.year, stage: period.stage },
      submittedAt: queueRow?.submittedAt ?? null,
      indicators,
      items: rows.map((r) => ({
        ...r,
        files: files
          .filter((f) => f.evidenceId === r.id)
          .map(({ evidenceId: _e, size, ...f }) => ({
            ...f,
            size: Number(size),
            url: `/api/v1/agencies/${agencyId}/evidence/${r.id}/files/${f.id}`,
            preview: PREVIEW[f.mimeType] ?? null,
          })),
        lastDecision: strip(decisions.find((d) => d.evidenceId === r.id)),
        openRound: open.find((o) => o.evidenceId === r.id) ?? null,
      })),
    };
  }
}

function strip(d: DecisionRow | undefined): Omit<DecisionRow, 'evidenceId'> | null {
  if (!d) return null;
  const { evidenceId: _e, ...rest } = d;
  return rest;
}
