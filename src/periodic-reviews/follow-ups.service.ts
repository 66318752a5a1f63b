import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { Evidence } from '../evidence/evidence.entity';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { ensureOwned, refuseUnitLimited } from '../kernel/ownership';
import { Page, PageQuery, paging } from '../kernel/paging';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { refs } from '../kernel/agency.repository';
import { FollowUp } from './follow-up.entity';
import { FollowUpRepository } from './periodic-review.repository';
import { CreateFollowUpDto, FollowUpView, UpdateFollowUpDto } from './reviews.dto';
import { refuse } from '../i18n/refusal';

/** Improvement actions answering the findings of a review. */
@Injectable()
export class FollowUpsService {
  constructor(
    @Inject(FollowUpRepository) private readonly followUps: FollowUpRepository,
    @Inject(UnitOfWork) private readonly writer: UnitOfWork,
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
  ) {}

  async list(agencyId: string, reviewId: string, query: PageQuery): Promise<Page<FollowUpView>> {
    const p = paging(query);
    const { items, total } = await this.followUps.findPage(agencyId, reviewId, p);
    return { items: items.map(followUpView), total, page: p.page, pageSize: p.pageSize };
  }

  async get(agencyId: string, reviewId: string, id: string): Promise<FollowUpView> {
    return followUpView(await this.found(agencyId, reviewId, id));
  }

  async create(
    actor: Actor,
    agencyId: string,
    reviewId: string,
    dto: CreateFollowUpDto,
  ): Promise<FollowUpView> {
    refuseUnitLimited(actor, 'follow-ups');
    const id = await this.writer.run(actor, agencyId, async (m, log) => {
      const row = this.followUps.create(
        { agencyId, reviewId, finding: dto.finding.trim(), status: 'planned', date: null, evidence: [] },
        m,
      );
      await this.apply(row, dto, agencyId, m);
      const saved = await this.save(row, dto, m);
      await log({ entityType: 'follow_up', entityId: saved.id, action: 'create', after: saved });
      return saved.id;
    });
    return this.get(agencyId, reviewId, id);
  }

  async update(actor: Actor, agencyId: string, reviewId: string, id: string, dto: UpdateFollowUpDto) {
    refuseUnitLimited(actor, 'follow-ups');
    await this.writer.run(actor, agencyId, async (m, log) => {
      await this.followUps.lockVersion(m, agencyId, id, dto.version);
      const row = await this.found(agencyId, reviewId, id, m);
      const before = { ...row };
      if (dto.finding !== undefined) row.finding = dto.finding.trim();
      await this.apply(row, dto, agencyId, m);
      const saved = await this.save(row, dto, m);
      await log({ entityType: 'follow_up', entityId: id, action: 'update', before, after: saved });
    });
    return this.get(agencyId, reviewId, id);
  }

  async remove(actor: Actor, agencyId: string, reviewId: string, id: string): Promise<void> {
    refuseUnitLimited(actor, 'follow-ups');
    await this.writer.run(actor, agencyId, async (m, log) => {
      const row = await this.found(agencyId, reviewId, id, m);
      await this.followUps.remove(id, m);
      await log({ entityType: 'follow_up', entityId: id, action: 'delete', before: row });
    });
  }

  private async found(agencyId: string, reviewId: string, id: string, m?: EntityManager): Promise<FollowUp> {
    const row = await this.followUps.findById(agencyId, id, m);
    if (!row || row.reviewId !== reviewId) throw refuse(NotFoundException, 'msg.not_found.follow_up');
    return row;
  }

  /** Stores the follow-up, then the evidence links the DTO names (the relation does not persist). */
  private async save(
    row: FollowUp,
    dto: CreateFollowUpDto | UpdateFollowUpDto,
    m: EntityManager,
  ): Promise<FollowUp> {
    const saved = await this.followUps.save(row, m);
    if (dto.evidenceIds !== undefined)
      await this.evidence.replaceEvidenceOf(
        m,
        'follow_up',
        saved.id,
        (row.evidence ?? []).map((e) => e.id),
      );
    return saved;
  }

  private async apply(
    row: FollowUp,
    dto: CreateFollowUpDto | UpdateFollowUpDto,
    agencyId: string,
    m: EntityManager,
  ) {
    if (dto.status !== undefined) row.status = dto.status;
    if (dto.date !== undefined) row.date = dto.date;
    if (row.status === 'done' && !row.date) throw refuse(BadRequestException, 'msg.followups.date_required');
    if (dto.evidenceIds !== undefined) {
      row.evidence = refs<Evidence>(
        await ensureOwned(m, 'evidence', agencyId, dto.evidenceIds, 'evidenceIds', 'evidence item'),
      );
    }
  }
}

export function followUpView(f: FollowUp): FollowUpView {
  return {
    id: f.id,
    reviewId: f.reviewId,
    finding: f.finding,
    status: f.status,
    date: f.date,
    evidenceIds: (f.evidence ?? []).map((e) => e.id).sort(),
    version: f.version,
    updatedAt: f.updatedAt.toISOString(),
  };
}
