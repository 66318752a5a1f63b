import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../access/actor';
import { Evidence } from '../evidence/evidence.entity';
import { EvidenceRepository } from '../evidence/evidence.repository';
import { ensureOwned, refuseUnitLimited } from '../kernel/ownership';
import { Page, paging } from '../kernel/paging';
import { UnitOfWork } from '../workflow-core/unit-of-work';
import { refs } from '../kernel/agency.repository';
import { Unit } from '../units/unit.entity';
import { Review } from './review.entity';
import { PeriodicReviewRepository } from './periodic-review.repository';
import { CreateReviewDto, ListReviewsQuery, ReviewView, UpdateReviewDto } from './reviews.dto';
import { refuse } from '../i18n/refusal';

/** Periodic reviews and evaluations of the SPL or of the policy. */
@Injectable()
export class ReviewsService {
  constructor(
    @Inject(PeriodicReviewRepository) private readonly reviews: PeriodicReviewRepository,
    @Inject(UnitOfWork) private readonly writer: UnitOfWork,
    @Inject(EvidenceRepository) private readonly evidence: EvidenceRepository,
  ) {}

  async list(agencyId: string, query: ListReviewsQuery): Promise<Page<ReviewView>> {
    const p = paging(query);
    const { items, total } = await this.reviews.findPage(agencyId, query, p);
    return { items: items.map(reviewView), total, page: p.page, pageSize: p.pageSize };
  }

  async get(agencyId: string, id: string): Promise<ReviewView> {
    const row = await this.reviews.findById(agencyId, id);
    if (!row) throw refuse(NotFoundException, 'msg.not_found.review');
    return reviewView(row);
  }

  async create(actor: Actor, agencyId: string, dto: CreateReviewDto): Promise<ReviewView> {
    refuseUnitLimited(actor, 'reviews');
    const id = await this.writer.run(actor, agencyId, async (m, log) => {
      const row = this.reviews.create(
        {
          agencyId,
          subject: dto.subject,
          date: dto.date,
          allUnits: true,
          units: [],
          evidence: [],
          findings: null,
        },
        m,
      );
      await this.apply(row, dto, agencyId, m);
      const saved = await this.save(row, dto, m);
      await log({ entityType: 'review', entityId: saved.id, action: 'create', after: saved });
      return saved.id;
    });
    return this.get(agencyId, id);
  }

  async update(actor: Actor, agencyId: string, id: string, dto: UpdateReviewDto): Promise<ReviewView> {
    refuseUnitLimited(actor, 'reviews');
    await this.writer.run(actor, agencyId, async (m, log) => {
      await this.reviews.lockVersion(m, agencyId, id, dto.version);
      const row = (await this.reviews.findById(agencyId, id, m))!;
      const before = { ...row };
      if (dto.subject !== undefined) row.subject = dto.subject;
      if (dto.date !== undefined) row.date = dto.date;
      await this.apply(row, dto, agencyId, m);
      const saved = await this.save(row, dto, m);
      await log({ entityType: 'review', entityId: id, action: 'update', before, after: saved });
    });
    return this.get(agencyId, id);
  }

  async remove(actor: Actor, agencyId: string, id: string): Promise<void> {
    refuseUnitLimited(actor, 'reviews');
    await this.writer.run(actor, agencyId, async (m, log) => {
      const row = await this.reviews.findById(agencyId, id, m);
      if (!row) throw refuse(NotFoundException, 'msg.not_found.review');
      await this.reviews.remove(id, m);
      await log({ entityType: 'review', entityId: id, action: 'delete', before: row });
    });
  }

  /** Stores the review, then the evidence links the DTO names (the relation does not persist). */
  private async save(row: Review, dto: CreateReviewDto | UpdateReviewDto, m: EntityManager): Promise<Review> {
    const saved = await this.reviews.save(row, m);
    if (dto.evidenceIds !== undefined)
      await this.evidence.replaceEvidenceOf(
        m,
        'review',
        saved.id,
        (row.evidence ?? []).map((e) => e.id),
      );
    return saved;
  }

  private async apply(
    row: Review,
    dto: CreateReviewDto | UpdateReviewDto,
    agencyId: string,
    m: EntityManager,
  ) {
    if (dto.findings !== undefined) row.findings = dto.findings?.trim() || null;
    if (dto.allUnits !== undefined) row.allUnits = dto.allUnits;
    if (row.allUnits) row.units = [];
    else if (dto.unitIds !== undefined) {
      row.units = refs<Unit>(await ensureOwned(m, 'unit', agencyId, dto.unitIds, 'unitIds', 'unit'));
    }
    if (dto.evidenceIds !== undefined) {
      row.evidence = refs<Evidence>(
        await ensureOwned(m, 'evidence', agencyId, dto.evidenceIds, 'evidenceIds', 'evidence item'),
      );
    }
  }
}

export function reviewView(r: Review): ReviewView {
  return {
    id: r.id,
    subject: r.subject,
    date: r.date,
    allUnits: r.allUnits,
    unitIds: (r.units ?? []).map((u) => u.id).sort(),
    findings: r.findings,
    evidenceIds: (r.evidence ?? []).map((e) => e.id).sort(),
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}
