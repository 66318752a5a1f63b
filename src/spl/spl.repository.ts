import { lockVersion } from '../database/optimistic-version';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike } from '../common/sql';
import { Paging } from '../kernel/paging';
import { AgencyRepository } from '../kernel/agency.repository';
import { SplInstance, SplProduct } from './spl-instance.entity';

@Injectable()
export class SplRepository extends AgencyRepository<SplInstance> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, SplInstance);
  }

  /** Locks the row for the transaction; a version older than the stored one answers 409. */
  lockVersion(m: EntityManager, agencyId: string, id: string, version: number): Promise<void> {
    return lockVersion(m, 'spl_instance', id, agencyId, version, 'spl');
  }

  findPage(agencyId: string, filter: { product?: SplProduct; q?: string }, paging: Paging) {
    const qb = this.repo()
      .createQueryBuilder('s')
      .where('s.agency_id = :agencyId', { agencyId })
      .orderBy('s.name');
    if (filter.product) qb.andWhere('s.product = :product', { product: filter.product });
    if (filter.q) qb.andWhere('s.name ILIKE :q', { q: `%${escapeLike(filter.q)}%` });
    return this.page(qb, paging);
  }
}
