import { lockVersion } from '../database/optimistic-version';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Paging } from '../kernel/paging';
import { AgencyRepository } from '../kernel/agency.repository';
import { FollowUp } from './follow-up.entity';
import { Review, ReviewSubject } from './review.entity';

@Injectable()
export class PeriodicReviewRepository extends AgencyRepository<Review> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, Review, { units: true, evidence: true });
  }

  /** Locks the row for the transaction; a version older than the stored one answers 409. */
  lockVersion(m: EntityManager, agencyId: string, id: string, version: number): Promise<void> {
    return lockVersion(m, 'review', id, agencyId, version, 'review');
  }

  findPage(agencyId: string, filter: { subject?: ReviewSubject }, paging: Paging) {
    const qb = this.repo()
      .createQueryBuilder('r')
      .leftJoinAndSelect('r.units', 'units')
      .leftJoinAndSelect('r.evidence', 'evidence')
      .where('r.agency_id = :agencyId', { agencyId })
      .orderBy('r.date', 'DESC')
      .addOrderBy('r.id');
    if (filter.subject) qb.andWhere('r.subject = :subject', { subject: filter.subject });
    return this.page(qb, paging);
  }
}

@Injectable()
export class FollowUpRepository extends AgencyRepository<FollowUp> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, FollowUp, { evidence: true });
  }

  /** Locks the row for the transaction; a version older than the stored one answers 409. */
  lockVersion(m: EntityManager, agencyId: string, id: string, version: number): Promise<void> {
    return lockVersion(m, 'follow_up', id, agencyId, version, 'follow_up');
  }

  findPage(agencyId: string, reviewId: string, paging: Paging) {
    const qb = this.repo()
      .createQueryBuilder('f')
      .leftJoinAndSelect('f.evidence', 'evidence')
      .where('f.agency_id = :agencyId AND f.review_id = :reviewId', { agencyId, reviewId })
      .orderBy('f.created_at')
      .addOrderBy('f.id');
    return this.page(qb, paging);
  }
}
