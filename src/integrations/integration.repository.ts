import { lockVersion } from '../database/optimistic-version';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike } from '../common/sql';
import { Paging } from '../kernel/paging';
import { AgencyRepository } from '../kernel/agency.repository';
import { Integration, IntegrationTarget } from './integration.entity';

@Injectable()
export class IntegrationRepository extends AgencyRepository<Integration> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, Integration, { evidence: true });
  }

  /** Locks the row for the transaction; a version older than the stored one answers 409. */
  lockVersion(m: EntityManager, agencyId: string, id: string, version: number): Promise<void> {
    return lockVersion(m, 'integration', id, agencyId, version, 'integration');
  }

  findPage(agencyId: string, filter: { withTarget?: IntegrationTarget; q?: string }, paging: Paging) {
    const qb = this.repo()
      .createQueryBuilder('i')
      .leftJoinAndSelect('i.evidence', 'evidence')
      .where('i.agency_id = :agencyId', { agencyId })
      .orderBy('i.peer_name')
      .addOrderBy('i.id');
    if (filter.withTarget) qb.andWhere('i.with_target = :t', { t: filter.withTarget });
    if (filter.q)
      qb.andWhere('(i.peer_name ILIKE :q OR i.description ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    return this.page(qb, paging);
  }
}
