import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { Actor } from '../../access/actor';
import { assertVersion } from '../../database/optimistic-version';
import { AgencyWrite, UnitOfWork } from '../../workflow-core/unit-of-work';
import { WorkflowLock } from '../../workflow-core/workflow-lock';
import { EvidenceState, WorkflowStateRepository } from '../../workflow-core/workflow-state.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { AnswerDto, ReopenDto } from './interview.dto';
import { InterviewRepository, RoundView } from './interview.repository';
import { refuse } from '../../i18n/refusal';

/**
 * The interview stage: an evaluator reopens one evidence item with a question, without unlocking
 * anything else; the agency answers with a comment and/or new files on that item. Every round
 * stays on record; the evaluator's next decision on the item closes the round.
 */
@Injectable()
export class InterviewService {
  constructor(
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
    @Inject(InterviewRepository) private readonly repo: InterviewRepository,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
    @Inject(WorkflowStateRepository) private readonly state: WorkflowStateRepository,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
  ) {}

  async rounds(actor: Actor, agencyId: string, periodId: string): Promise<RoundView[]> {
    await this.lock.assertEvaluatorAssigned(actor, agencyId, periodId);
    return this.repo.rounds(agencyId, periodId);
  }

  async reopen(actor: Actor, agencyId: string, evidenceId: string, dto: ReopenDto): Promise<string> {
    const question = dto.question.trim();
    if (!question) throw refuse(BadRequestException, 'msg.validation.question', { field: 'question' });
    // The item's status is a fact of its own period only: that period alone is recomputed.
    return this.uow.write(actor, agencyId, async (w) => {
      const m = w.m;
      const item = await this.state.lockEvidence(agencyId, evidenceId, m);
      if (!item) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'evidenceId' });
      await this.lock.assertEvaluatorAssigned(actor, agencyId, item.periodId, m);
      assertVersion(item.version, dto.version);
      const period = await w.allow('interview.reopen', { periodId: item.periodId, evidence: item });
      if (item.status === 'draft') throw refuse(ConflictException, 'msg.interview.draft');
      const open = await this.state.openRound(item.id, m);
      if (open) throw refuse(ConflictException, 'msg.interview.open_round', { round: open.roundNo });
      const roundNo = await this.repo.nextRoundNo(item.id, m);
      const roundId = await this.repo.insertRound(
        m,
        { agencyId, periodId: item.periodId, evidenceId: item.id, roundNo, question },
        actor,
      );
      await w.setEvidenceStatus(item, 'needs_revision', question);
      await this.record(w, actor, item, 'interview.reopened', { roundNo, from: item.status });
      await this.notifications.notify(m, {
        kind: 'reopened',
        agencyId,
        link: `/agencies/${agencyId}/workflow?year=${period.year}#round-${roundId}`,
        payload: {
          title: item.title,
          year: period.year,
          reason: question,
          agency: await this.state.agencyName(m, agencyId),
        },
        agencyRoles: ['coordinator', 'operator'],
        except: actor.userId,
      });
      return roundId;
    });
  }

  async answer(actor: Actor, agencyId: string, roundId: string, dto: AnswerDto): Promise<void> {
    await this.uow.write(actor, agencyId, async (w) => {
      const m = w.m;
      const round = await this.repo.lock(roundId, agencyId, m);
      if (!round) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'roundId' });
      if (round.closedAt) throw refuse(ConflictException, 'msg.interview.closed', { round: round.roundNo });
      if (round.answeredAt)
        throw refuse(ConflictException, 'msg.interview.answered', { round: round.roundNo });
      const item = (await this.state.lockEvidence(agencyId, round.evidenceId, m))!;
      const period = await w.allow('interview.answer', { periodId: round.periodId, evidence: item });
      const comment = dto.comment?.trim() || null;
      if (!comment && (await this.repo.filesAddedSince(item.id, round.openedAt, m)) === 0)
        throw refuse(BadRequestException, 'msg.interview.answer_required');
      const files = await this.repo.currentFiles(item.id, m);
      await this.repo.answerRound(m, round.id, { comment, files }, actor);
      await w.setEvidenceStatus(item, 'submitted', null);
      await this.record(w, actor, item, 'interview.answered', {
        roundNo: round.roundNo,
        files: files.length,
      });
      await this.notifications.notify(m, {
        kind: 'answered',
        agencyId,
        link: `/review/agencies/${agencyId}?year=${period.year}#item-${item.id}`,
        payload: { title: item.title, year: period.year, agency: await this.state.agencyName(m, agencyId) },
        agencyRoles: [],
        evaluatorsOfPeriod: round.periodId,
        except: actor.userId,
      });
    });
  }

  private async record(w: AgencyWrite, actor: Actor, item: EvidenceState, action: string, detail: object) {
    await w.log({
      entityType: 'evidence',
      entityId: item.id,
      action: 'update',
      before: { status: item.status },
      after: { status: action === 'interview.reopened' ? 'needs_revision' : 'submitted', ...detail },
    });
    await w.audit({
      action,
      actorName: actor.username,
      subjectType: 'evidence',
      subjectId: item.id,
      detail: { ...detail },
    });
  }
}
