import { lockVersion } from '../database/optimistic-version';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { escapeLike } from '../common/sql';
import { HubViaSplProof, hubViaSplProofs } from '../levels/hub-via-spl.repository';
import { Paging } from '../kernel/paging';
import { Application, ExchangeMode, UsageType } from './application.entity';

export interface ApplicationFilter {
  unitId?: string;
  exchange?: ExchangeMode;
  usageType?: UsageType;
  q?: string;
}

@Injectable()
export class ApplicationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Locks the row for the transaction; a version older than the stored one answers 409. */
  lockVersion(m: EntityManager, agencyId: string, id: string, version: number): Promise<void> {
    return lockVersion(m, 'application', id, agencyId, version, 'application');
  }

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(Application);
  }

  async findPage(agencyId: string, filter: ApplicationFilter, paging: Paging) {
    const qb = this.repo()
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.unit', 'unit')
      .where('a.agency_id = :agencyId', { agencyId })
      .orderBy('unit.code', 'ASC')
      .addOrderBy('a.name', 'ASC')
      .skip(paging.offset)
      .take(paging.limit);
    if (filter.unitId) qb.andWhere('a.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.exchange) qb.andWhere('a.exchange = :exchange', { exchange: filter.exchange });
    if (filter.usageType) qb.andWhere('a.usage_type = :usageType', { usageType: filter.usageType });
    if (filter.q)
      qb.andWhere('(a.name ILIKE :q OR a.description ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  findById(agencyId: string, id: string, m?: EntityManager): Promise<Application | null> {
    return this.repo(m).findOne({ where: { agencyId, id }, relations: { unit: true } });
  }

  /** Hub data proving use of the SPL in the period `periodId`, per application. */
  hubProofs(
    agencyId: string,
    ids: string[],
    periodId: string | null,
  ): Promise<Map<string, HubViaSplProof[]>> {
    return hubViaSplProofs(this.dataSource.manager, agencyId, ids, periodId);
  }

  findByUnits(unitIds: string[], m?: EntityManager): Promise<Application[]> {
    if (!unitIds.length) return Promise.resolve([]);
    return this.repo(m).find({ where: { unitId: In(unitIds) } });
  }

  async nameTaken(unitId: string, name: string, exceptId: string | null, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(
      'SELECT 1 FROM application WHERE unit_id = $1 AND name = $2 AND id IS DISTINCT FROM $3::uuid',
      [unitId, name, exceptId],
    );
    return rows.length > 0;
  }

  create(fields: Partial<Application>, m: EntityManager): Application {
    return this.repo(m).create(fields);
  }

  save(app: Application, m: EntityManager): Promise<Application> {
    return this.repo(m).save(app);
  }

  async remove(id: string, m: EntityManager): Promise<void> {
    await this.repo(m).delete({ id });
  }
}
