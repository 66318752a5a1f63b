import { lockVersion } from '../database/optimistic-version';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { escapeLike } from '../common/sql';
import { Paging } from '../kernel/paging';
import { Unit, UnitKind } from './unit.entity';

/** The application table's columns read here: by table name, since applications depend on units. */
interface ApplicationRow {
  id: string;
  agencyId: string;
  unitId: string;
  name: string;
  exchange: string;
}

/** An application as a unit's page lists it. */
export type UnitApplication = Pick<ApplicationRow, 'id' | 'name' | 'exchange'>;

export interface UnitFilter {
  inScope?: boolean;
  kind?: UnitKind;
  q?: string;
}

@Injectable()
export class UnitRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Locks the row for the transaction; a version older than the stored one answers 409. */
  lockVersion(m: EntityManager, agencyId: string, id: string, version: number): Promise<void> {
    return lockVersion(m, 'unit', id, agencyId, version, 'unit');
  }

  /** Locks the unit's row for the rest of the transaction. */
  async lock(id: string, m: EntityManager): Promise<void> {
    await m.query('SELECT 1 FROM unit WHERE id = $1 FOR UPDATE', [id]);
  }

  private repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(Unit);
  }

  async findPage(
    agencyId: string,
    filter: UnitFilter,
    paging: Paging,
  ): Promise<{ items: Unit[]; total: number }> {
    const qb = this.repo()
      .createQueryBuilder('u')
      .where('u.agency_id = :agencyId', { agencyId })
      .orderBy('u.code', 'ASC')
      .skip(paging.offset)
      .take(paging.limit);
    if (filter.inScope !== undefined) qb.andWhere('u.in_scope = :inScope', { inScope: filter.inScope });
    if (filter.kind) qb.andWhere('u.kind = :kind', { kind: filter.kind });
    if (filter.q) qb.andWhere('(u.code ILIKE :q OR u.name ILIKE :q)', { q: `%${escapeLike(filter.q)}%` });
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** Applications per unit, in one query for a page of units. */
  async applicationCounts(unitIds: string[]): Promise<Map<string, number>> {
    if (!unitIds.length) return new Map();
    const rows: { unit_id: string; n: number }[] = await this.dataSource.query(
      'SELECT unit_id, count(*)::int AS n FROM application WHERE unit_id = ANY($1::uuid[]) GROUP BY unit_id',
      [unitIds],
    );
    return new Map(rows.map((r) => [r.unit_id, r.n]));
  }

  findById(agencyId: string, id: string, m?: EntityManager): Promise<Unit | null> {
    return this.repo(m).findOne({ where: { agencyId, id } });
  }

  findByCodes(agencyId: string, codes: string[], m?: EntityManager): Promise<Unit[]> {
    if (!codes.length) return Promise.resolve([]);
    return this.repo(m).find({ where: { agencyId, code: In(codes) } });
  }

  async codeTaken(
    agencyId: string,
    code: string,
    exceptId: string | null,
    m: EntityManager,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      'SELECT 1 FROM unit WHERE agency_id = $1 AND code = $2 AND id IS DISTINCT FROM $3::uuid',
      [agencyId, code, exceptId],
    );
    return rows.length > 0;
  }

  /** The unit's applications (read by table name, see ApplicationRow). */
  countApplications(unitId: string, m: EntityManager): Promise<number> {
    return m.getRepository<ApplicationRow>('application').count({ where: { unitId } });
  }

  /** Names and exchange modes of the unit's applications, by name (at most `limit`). */
  applications(agencyId: string, unitId: string, limit: number): Promise<UnitApplication[]> {
    return this.dataSource.getRepository<ApplicationRow>('application').find({
      where: { agencyId, unitId },
      select: { id: true, name: true, exchange: true },
      order: { name: 'ASC' },
      take: limit,
    });
  }

  create(fields: Partial<Unit>, m: EntityManager): Unit {
    return this.repo(m).create(fields);
  }

  save(unit: Unit, m: EntityManager): Promise<Unit> {
    return this.repo(m).save(unit);
  }

  async remove(unit: Unit, m: EntityManager): Promise<void> {
    await this.repo(m).delete({ id: unit.id });
  }

  names(agencyId: string): Promise<Pick<Unit, 'id' | 'code' | 'name'>[]> {
    return this.repo().find({
      where: { agencyId },
      select: { id: true, code: true, name: true },
      order: { code: 'ASC' },
    });
  }
}
