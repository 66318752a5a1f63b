import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../../access/actor';
import { assertVersion } from '../../database/optimistic-version';
import { AgencyWrite, UnitOfWork } from '../../workflow-core/unit-of-work';
import { WorkflowLock } from '../../workflow-core/workflow-lock';
import { EvidenceState, WorkflowStateRepository } from '../../workflow-core/workflow-state.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { DecisionSource } from './evidence-decision.entity';
import { InterviewRepository } from '../interview/interview.repository';
import { ReviewRepository } from './review.repository';
import { Decision, EVALUATOR_MOVES, INTERNAL_MOVES, ReviewReason } from './review-reasons';
import { refuse } from '../../i18n/refusal';
import { msg } from '../../i18n/message';

export interface DecidedItem {
  id: string;
  status: string;
  statusReason: string | null;
  version: number;
}

export interface DecisionInput {
  status: Decision;
  reasonCode?: ReviewReason;
  reason?: string;
  version?: number;
}

/**
 * Decisions on single evidence items: an evaluator accepts, returns or rejects; an internal
 * assessor returns before submission. Each decision is kept, moves the verified level and, when
 * the item goes back to the agency, lands in its team's inbox.
 */
@Injectable()
export class ReviewDecisionsService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
    @Inject(WorkflowStateRepository) private readonly state: WorkflowStateRepository,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
    @Inject(ReviewRepository) private readonly decisions: ReviewRepository,
    @Inject(InterviewRepository) private readonly rounds: InterviewRepository,
  ) {}

  async decide(
    actor: Actor,
    agencyId: string,
    evidenceId: string,
    input: DecisionInput,
    source: DecisionSource,
  ): Promise<DecidedItem> {
    const reason = checkReason(input);
    // The item's status is a fact of its own period only: that period alone is recomputed.
    return this.uow.write(actor, agencyId, async (w) => {
      const m = w.m;
      const item = await this.state.lockEvidence(agencyId, evidenceId, m);
      if (!item) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'evidenceId' });
      await this.lock.assertEvaluatorAssigned(actor, agencyId, item.periodId, m);
      assertVersion(item.version, input.version);
      const action = source === 'internal' ? 'evidence.return_internal' : 'evidence.decide';
      const period = await w.allow(action, { periodId: item.periodId, evidence: item });
      const moves = source === 'internal' ? INTERNAL_MOVES : EVALUATOR_MOVES;
      if (!moves[item.status]?.includes(input.status))
        throw refuse(ConflictException, 'msg.evidence.status_move', {
          from: msg(`status.${item.status}`),
          to: msg(`status.${input.status}`),
        });
      const decided = await this.apply(w, actor, item, input, reason, source);
      // A decision during the interview answers the item's open round.
      if (period.stage === 'interview') await this.closeRound(m, actor, item.id, input.status);
      if (input.status !== 'accepted')
        await this.notifyReturned(m, actor, item, period.year, reason.text, input.status);
      return decided;
    });
  }

  private async apply(
    w: AgencyWrite,
    actor: Actor,
    item: EvidenceState,
    input: DecisionInput,
    reason: { code: string | null; text: string | null },
    source: DecisionSource,
  ): Promise<DecidedItem> {
    const statusReason = input.status === 'accepted' ? null : (reason.text ?? reason.code);
    const updated = await w.setEvidenceStatus(item, input.status, statusReason);
    await this.decisions.insertDecision(
      w.m,
      item,
      { status: input.status, source, reasonCode: reason.code, reason: reason.text },
      actor,
    );
    await w.log({
      entityType: 'evidence',
      entityId: item.id,
      action: 'update',
      before: { status: item.status },
      after: { status: input.status, statusReason, reasonCode: reason.code },
    });
    await w.audit({
      action: source === 'internal' ? 'evidence.returned_internally' : 'evidence.decided',
      actorName: actor.username,
      subjectType: 'evidence',
      subjectId: item.id,
      detail: { from: item.status, to: input.status, reasonCode: reason.code, version: item.version },
    });
    return updated;
  }

  private closeRound(m: EntityManager, actor: Actor, evidenceId: string, outcome: Decision) {
    return this.rounds.closeOpenRound(m, evidenceId, actor.userId, outcome);
  }

  private async notifyReturned(
    m: EntityManager,
    actor: Actor,
    item: EvidenceState,
    year: number,
    reason: string | null,
    status: string,
  ) {
    await this.notifications.notify(m, {
      kind: 'returned',
      agencyId: item.agencyId,
      link: `/agencies/${item.agencyId}/evidence/${item.id}`,
      // The status tells the mail "returned for revision" from "rejected".
      payload: {
        title: item.title,
        agency: await this.state.agencyName(m, item.agencyId),
        year,
        reason: reason ?? '',
        status,
      },
      agencyRoles: ['coordinator', 'operator'],
      except: actor.userId,
    });
  }
}

/** Returns and rejections need a reason: a code from the list, free text, or both. */
function checkReason(input: DecisionInput): { code: string | null; text: string | null } {
  const text = input.reason?.trim() || null;
  if (input.status === 'accepted') return { code: input.reasonCode ?? null, text };
  if (!input.reasonCode && !text)
    throw refuse(BadRequestException, 'msg.review.reason_required', {
      status: msg(`status.${input.status}`),
    });
  const code = input.reasonCode ?? 'other';
  if (code === 'other' && !text) throw refuse(BadRequestException, 'msg.review.reason_other');
  return { code, text };
}
