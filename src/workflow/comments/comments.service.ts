import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor } from '../../access/actor';
import { UnitOfWork } from '../../workflow-core/unit-of-work';
import { WorkflowLock } from '../../workflow-core/workflow-lock';
import { Comment } from './comment.entity';
import { CommentsRepository } from './comments.repository';
import { refuse } from '../../i18n/refusal';

export type Subject = { indicator: number; year: number } | { evidenceId: string };

export interface Thread {
  agencyId: string;
  periodId: string;
  year: number;
  indicator: number | null;
  evidenceId: string | null;
  evidenceTitle: string | null;
  comments: Pick<Comment, 'id' | 'authorName' | 'authorRole' | 'body' | 'createdAt'>[];
}

/**
 * Threads between the agency's team and its evaluators, one per indicator and one per evidence
 * item. Everyone who reaches the agency reads and writes (evaluators only in their periods);
 * threads close with the period.
 */
@Injectable()
export class CommentsService {
  constructor(
    @Inject(CommentsRepository) private readonly comments: CommentsRepository,
    @Inject(WorkflowLock) private readonly lock: WorkflowLock,
    @Inject(UnitOfWork) private readonly uow: UnitOfWork,
  ) {}

  async thread(actor: Actor, agencyId: string, subject: Subject): Promise<Thread> {
    const where = await this.resolve(agencyId, subject);
    await this.lock.assertEvaluatorAssigned(actor, agencyId, where.periodId);
    const comments = await this.comments.thread(agencyId, where.periodId, where);
    return {
      ...where,
      agencyId,
      comments: comments.map(({ id, authorName, authorRole, body, createdAt }) => ({
        id,
        authorName,
        authorRole,
        body,
        createdAt,
      })),
    };
  }

  async post(actor: Actor, agencyId: string, subject: Subject, text: string): Promise<Thread> {
    const body = text.trim();
    if (!body) throw refuse(BadRequestException, 'msg.validation.comment_body', { field: 'body' });
    const where = await this.resolve(agencyId, subject);
    await this.lock.assertEvaluatorAssigned(actor, agencyId, where.periodId);
    // A comment is no fact the engine scores: nothing is recomputed.
    await this.uow.write(actor, agencyId, async (w) => {
      await w.allowNoFacts('comment.post', { periodId: where.periodId });
      const saved = await this.comments.insert(w.m, {
        agencyId,
        periodId: where.periodId,
        indicator: where.evidenceId ? null : where.indicator,
        evidenceId: where.evidenceId,
        authorId: actor.userId,
        authorName: actor.displayName,
        authorRole: actor.role,
        body,
      });
      await w.audit({
        action: 'comment.posted',
        actorName: actor.username,
        subjectType: where.evidenceId ? 'evidence' : 'indicator',
        subjectId: where.evidenceId ?? String(where.indicator),
        detail: { commentId: saved.id, periodId: where.periodId },
      });
    });
    return this.thread(actor, agencyId, subject);
  }

  private async resolve(agencyId: string, subject: Subject) {
    if ('indicator' in subject) {
      const periodId = await this.comments.periodIdOfYear(subject.year);
      if (!periodId) throw refuse(NotFoundException, 'msg.period.none_for_year', { year: subject.year });
      return {
        periodId,
        year: subject.year,
        indicator: subject.indicator,
        evidenceId: null,
        evidenceTitle: null,
      };
    }
    const item = await this.comments.evidenceItem(agencyId, subject.evidenceId);
    if (!item) throw refuse(NotFoundException, 'msg.not_found.field', { field: 'evidenceId' });
    const { periodId, year, title } = item;
    return { periodId, year, indicator: null, evidenceId: subject.evidenceId, evidenceTitle: title };
  }
}
