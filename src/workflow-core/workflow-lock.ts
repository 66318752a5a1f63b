import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { refuse } from '../i18n/refusal';
import { PeriodStage } from '../periods/period.entity';
import { Situation, WorkflowAction, allows, refusal } from './stage-rules';
import { LockedEvidence, PeriodState, WorkflowStateRepository } from './workflow-state.repository';

export interface LockContext {
  agencyId: string;
  periodId: string;
  /** The evidence item the action concerns: its status and open rounds decide item conditions. */
  evidence?: { id: string; status: string };
  actor?: Actor;
}

export interface AgencyDataLock {
  year: number;
  stage: PeriodStage;
  submitted: boolean;
}

/**
 * Applies the stage table (stage-rules.ts) to a write: answers 409 with a message naming the
 * lock. Call it inside the write's transaction with that transaction's manager.
 */
@Injectable()
export class WorkflowLock {
  constructor(@Inject(WorkflowStateRepository) private readonly state: WorkflowStateRepository) {}

  /**
   * The check for agency data that has no period (units, applications, SPL, policies,
   * integrations, reviews, follow-ups, bulk and hub imports). That data feeds every period that
   * is not final (a final period keeps its facts in its stored snapshot), so it is locked while
   * any of those periods is past self-assessment or has the agency's submission.
   */
  async assertAgencyEditable(agencyId: string, m: EntityManager): Promise<void> {
    await this.state.shareAgency(agencyId, m);
    for (const p of await this.state.openPeriodStates(agencyId, m)) {
      const reason = refusal(
        'agency_data.write',
        { stage: p.stage, submitted: p.submittedAt !== null },
        p.year,
      );
      if (reason) throw refuse(ConflictException, reason.key, reason.params);
    }
  }

  /**
   * The lock {@link assertAgencyEditable} would answer, without answering 409: the first open
   * period whose stage closes agency data, or null. Pages show its reason instead of a form.
   */
  async agencyDataLock(agencyId: string): Promise<AgencyDataLock | null> {
    for (const p of await this.state.readOpenPeriodStates(agencyId)) {
      const situation = { stage: p.stage, submitted: p.submittedAt !== null };
      if (!allows('agency_data.write', situation)) return { year: p.year, ...situation };
    }
    return null;
  }

  /** The period's stage and whether the agency submitted (a read: pages say why a form is closed). */
  async situation(agencyId: string, periodId: string): Promise<Situation | null> {
    const state = await this.state.periodState(agencyId, periodId);
    return state && { stage: state.stage, submitted: state.submittedAt !== null };
  }

  /** Whether the stage table opens `action` now (a read: pages offer a form only when it would). */
  opens(action: WorkflowAction, ctx: LockContext): Promise<boolean> {
    return this.assertAllowed(undefined, action, ctx).then(
      () => true,
      () => false,
    );
  }

  /** Checks one action of an agency in one period (and on one evidence item, if given). */
  async assertAllowed(
    m: EntityManager | undefined,
    action: WorkflowAction,
    ctx: LockContext,
  ): Promise<PeriodState> {
    const state: (PeriodState & { itemReopened?: boolean }) | null = m
      ? await this.state.writeState(ctx.agencyId, ctx.periodId, ctx.evidence?.id ?? null, m)
      : await this.state.periodState(ctx.agencyId, ctx.periodId);
    if (state && ctx.evidence && state.itemReopened === undefined) {
      const round = await this.state.openRound(ctx.evidence.id);
      state.itemReopened = round !== null && round.answeredAt === null;
    }
    if (!state) throw refuse(NotFoundException, 'msg.period.none_for_item');
    this.judge(action, state, ctx);
    return state;
  }

  /**
   * Locks an evidence item of the agency for update and reads its period's state in the same
   * statement; `judge` then checks an action on it. Null when the agency has no such item.
   */
  lockEvidence(m: EntityManager, agencyId: string, evidenceId: string): Promise<LockedEvidence | null> {
    return this.state.lockEvidenceState(agencyId, evidenceId, m);
  }

  /** Answers 409 naming the lock when the stage table refuses `action` in `state`. */
  judge(
    action: WorkflowAction,
    state: PeriodState & { itemReopened?: boolean },
    ctx: Omit<LockContext, 'periodId'>,
  ): void {
    const situation: Situation = {
      stage: state.stage,
      submitted: state.submittedAt !== null,
      admin: ctx.actor?.role === 'admin',
    };
    if (ctx.evidence) {
      situation.itemStatus = ctx.evidence.status;
      situation.itemReopened = state.itemReopened ?? false;
    }
    const reason = refusal(action, situation, state.year);
    if (reason) throw refuse(ConflictException, reason.key, reason.params);
  }

  /** Evaluators reach an agency's review only in the periods they are assigned to it. */
  async assertEvaluatorAssigned(
    actor: Actor,
    agencyId: string,
    periodId: string,
    m?: EntityManager,
  ): Promise<void> {
    if (actor.role !== 'evaluator') return;
    if (!(await this.state.isAssigned(actor.userId, agencyId, periodId, m)))
      throw refuse(NotFoundException, 'msg.review.not_assigned');
  }
}
