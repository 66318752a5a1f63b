import { lockVersion } from '../database/optimistic-version';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike } from '../common/sql';
import { Paging } from '../kernel/paging';
import { AgencyRepository } from '../kernel/agency.repository';
import { Policy, PolicyStatus } from './policy.entity';

@Injectable()
export class PolicyRepository extends AgencyRepository<Policy> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, Policy, { units: true, evidence: true });
  }

  /** Locks the row for the transaction; a version older than the stored one answers 409. */
  lockVersion(m: EntityManager, agencyId: string, id: string, version: number): Promise<void> {
    return lockVersion(m, 'policy', id, agencyId, version, 'policy');
  }

  findPage(agencyId: string, filter: { status?: PolicyStatus; q?: string }, paging: Paging) {
    const qb = this.repo()
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.units', 'units')
      .leftJoinAndSelect('p.evidence', 'evidence')
      .where('p.agency_id = :agencyId', { agencyId })
      .orderBy('p.date', 'DESC')
      .addOrderBy('p.id');
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.q) qb.andWhere('(p.title ILIKE :q OR p.number ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    return this.page(qb, paging);
  }

  titles(agencyId: string) {
    return this.repo().find({
      where: { agencyId },
      select: { id: true, title: true, date: true },
      order: { date: 'DESC' },
    });
  }
}
