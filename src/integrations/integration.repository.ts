import { lockVersion } from '../database/optimistic-version';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { escapeLike } from '../common/sql';
import { Paging } from '../kernel/paging';
import { AgencyRepository } from '../kernel/agency.repository';
import { Integration, IntegrationTarget } from './integration.entity';

/** An integration the hub's data proves (source 'hub'), as the hub keeps them in step. */
export interface HubIntegrationRow {
  id: string;
  target: IntegrationTarget;
  peer: string;
  description: string | null;
}

/**
 * The integration table's one writer: rows entered by hand (through the entity) and the rows the
 * hub derives from its data (HubDerivationService keeps those in step, in its transaction).
 */
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

  hubDerived(m: EntityManager, agencyId: string): Promise<HubIntegrationRow[]> {
    return m.query(
      `SELECT id, with_target AS target, peer_name AS peer, description FROM integration
        WHERE agency_id = $1 AND source = 'hub' ORDER BY created_at, id`,
      [agencyId],
    );
  }

  async insertHubDerived(
    m: EntityManager,
    agencyId: string,
    row: Omit<HubIntegrationRow, 'id'>,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO integration (agency_id, with_target, peer_name, description, source, version)
       VALUES ($1, $2, $3, $4, 'hub', 1) RETURNING id`,
      [agencyId, row.target, row.peer, row.description],
    );
    return rows[0].id;
  }

  async updateHubDescription(m: EntityManager, id: string, description: string): Promise<void> {
    await m.query(
      `UPDATE integration SET description = $2, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, description],
    );
  }

  async removeHubDerived(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM integration WHERE id = $1 AND source = 'hub'`, [id]);
  }
}
