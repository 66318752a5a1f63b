import {
  DataSource,
  EntityManager,
  EntityTarget,
  FindOptionsRelations,
  FindOptionsWhere,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
import { Paging } from './paging';

/**
 * The TypeORM access an agency-owned aggregate needs; each feature's repository extends it with
 * its own named queries. Reads outside a transaction use the data source, writes take the manager.
 */
export abstract class AgencyRepository<T extends ObjectLiteral & { id: string; agencyId: string }> {
  protected constructor(
    protected readonly dataSource: DataSource,
    private readonly target: EntityTarget<T>,
    private readonly relations: FindOptionsRelations<T> = {},
  ) {}

  protected repo(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(this.target);
  }

  findById(agencyId: string, id: string, m?: EntityManager): Promise<T | null> {
    return this.repo(m).findOne({
      where: { agencyId, id } as FindOptionsWhere<T>,
      relations: this.relations,
    });
  }

  protected async page(qb: SelectQueryBuilder<T>, paging: Paging): Promise<{ items: T[]; total: number }> {
    const [items, total] = await qb.skip(paging.offset).take(paging.limit).getManyAndCount();
    return { items, total };
  }

  create(fields: Partial<T>, m: EntityManager): T {
    return this.repo(m).create(fields as T);
  }

  save(entity: T, m: EntityManager): Promise<T> {
    return this.repo(m).save(entity);
  }

  async remove(id: string, m: EntityManager): Promise<void> {
    await this.repo(m).delete({ id } as FindOptionsWhere<T>);
  }
}

/** Relation stubs for many-to-many saves: TypeORM needs only the ids. */
export function refs<R>(ids: { id: string }[]): R[] {
  return ids.map((r) => ({ id: r.id }) as R);
}

/** Which of the ids name a row of `table` of this agency (rows of other agencies never match). */
export function ownedIds(
  m: EntityManager,
  table: 'evidence' | 'unit' | 'policy',
  agencyId: string,
  ids: string[],
): Promise<{ id: string }[]> {
  return m.query(`SELECT id FROM ${table} WHERE agency_id = $1 AND id = ANY($2::uuid[])`, [agencyId, ids]);
}
