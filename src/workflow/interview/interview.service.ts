import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../access/actor';
import { AuditService } from '../../audit/audit.service';
import { ChangeLogService } from '../../changes/change-log.service';
import { LevelsService } from '../../levels/levels.service';
import { agencyName, assertVersion } from '../core/item-checks';
import { WorkflowLock } from '../core/workflow-lock';
import { EvidenceState, WorkflowStateRepository } from '../core/workflow-state.repository';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InterviewRepository) private readonly repo: InterviewRepository,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
    @Inject(WorkflowStateRepository) private readonly state: WorkflowStateRepository,
    @Inject(LevelsService) private readonly levels: LevelsService,
    @Inject(ChangeLogService) private readonly changes: ChangeLogService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
  ) {}

  async rounds(actor: Actor, agencyId: string, periodId: string): Promise<RoundView[]> {
    await this.lock.assertEvaluatorAssigned(actor, agencyId, periodId);
    return this.repo.rounds(agencyId, periodId);
  }

  async reopen(actor: Actor, agencyId: string, evidenceId: string, dto: ReopenDto): Promise<string> {
    const question = dto.question.trim();
    if (!question) throw refuse(BadRequestException, 'msg.validation.question', { field: 'question' });
    return this.dataSource.transaction(async (m) => {
      const item = await this.state.lockEvidence(agencyId, evidenceId, m);
      if (!item) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'evidenceId' });
      await this.lock.assertEvaluatorAssigned(actor, agencyId, item.periodId, m);
      assertVersion(item, dto.version);
      const period = await this.lock.assertAllowed(m, 'interview.reopen', {
        agencyId,
        periodId: item.periodId,
        evidence: item,
        actor,
      });
      if (item.status === 'draft') throw refuse(ConflictException, 'msg.interview.draft');
      const open = await this.state.openRound(item.id, m);
      if (open) throw refuse(ConflictException, 'msg.interview.open_round', { round: open.roundNo });
      const roundNo = await this.repo.nextRoundNo(item.id, m);
      const rows: { id: string }[] = await m.query(
        `INSERT INTO interview_round (agency_id, period_id, evidence_id, round_no, question, opened_by, opened_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [agencyId, item.periodId, item.id, roundNo, question, actor.userId, actor.username],
      );
      await this.setStatus(m, item, 'needs_revision', question);
      await this.record(m, actor, item, 'interview.reopened', { roundNo, from: item.status });
      // The item's status is a fact of its own period only.
      await this.levels.recompute([agencyId], m, { periodId: item.periodId });
      await this.notifications.notify(m, {
        kind: 'reopened',
        agencyId,
        link: `/agencies/${agencyId}/workflow?year=${period.year}#round-${rows[0].id}`,
        payload: {
          title: item.title,
          year: period.year,
          reason: question,
          agency: await agencyName(m, agencyId),
        },
        agencyRoles: ['coordinator', 'operator'],
        except: actor.userId,
      });
      return rows[0].id;
    });
  }

  async answer(actor: Actor, agencyId: string, roundId: string, dto: AnswerDto): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const round = await this.repo.lock(roundId, agencyId, m);
      if (!round) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'roundId' });
      if (round.closedAt) throw refuse(ConflictException, 'msg.interview.closed', { round: round.roundNo });
      if (round.answeredAt)
        throw refuse(ConflictException, 'msg.interview.answered', { round: round.roundNo });
      const item = (await this.state.lockEvidence(agencyId, round.evidenceId, m))!;
      const period = await this.lock.assertAllowed(m, 'interview.answer', {
        agencyId,
        periodId: round.periodId,
        evidence: item,
        actor,
      });
      const comment = dto.comment?.trim() || null;
      if (!comment && (await this.repo.filesAddedSince(item.id, round.openedAt, m)) === 0)
        throw refuse(BadRequestException, 'msg.interview.answer_required');
      const files = await this.repo.currentFiles(item.id, m);
      await m.query(
        `UPDATE interview_round SET answer = $2, answered_by = $3, answered_by_name = $4, answered_at = now(),
           answer_files = $5::jsonb WHERE id = $1`,
        [round.id, comment, actor.userId, actor.username, JSON.stringify(files)],
      );
      await this.setStatus(m, item, 'submitted', null);
      await this.record(m, actor, item, 'interview.answered', {
        roundNo: round.roundNo,
        files: files.length,
      });
      // The item's status is a fact of its own period only.
      await this.levels.recompute([agencyId], m, { periodId: item.periodId });
      await this.notifications.notify(m, {
        kind: 'answered',
        agencyId,
        link: `/review/agencies/${agencyId}?year=${period.year}#item-${item.id}`,
        payload: { title: item.title, year: period.year, agency: await agencyName(m, agencyId) },
        agencyRoles: [],
        evaluatorsOfPeriod: round.periodId,
        except: actor.userId,
      });
    });
  }

  private async setStatus(m: EntityManager, item: EvidenceState, status: string, reason: string | null) {
    await m.query(
      'UPDATE evidence SET status = $2, status_reason = $3, version = version + 1, updated_at = now() WHERE id = $1',
      [item.id, status, reason],
    );
  }

  private async record(m: EntityManager, actor: Actor, item: EvidenceState, action: string, detail: object) {
    await this.changes.record(m, actor, {
      entityType: 'evidence',
      entityId: item.id,
      agencyId: item.agencyId,
      action: 'update',
      before: { status: item.status },
      after: { status: action === 'interview.reopened' ? 'needs_revision' : 'submitted', ...detail },
    });
    await this.audit.record(
      {
        action,
        actorId: actor.userId,
        actorName: actor.username,
        subjectType: 'evidence',
        subjectId: item.id,
        agencyId: item.agencyId,
        detail: { ...detail },
      },
      m,
    );
  }
}
