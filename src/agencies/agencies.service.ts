import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../access/actor';
import { Agency } from './agency.entity';

export interface AgencySummary {
  id: string;
  code: string;
  name: string;
  kind: string;
  areaCode: string | null;
  parentId: string | null;
  units: number;
  i7: number | null;
  i18: number | null;
  coverage: number | null;
}

/** Agencies a person may see, with their stored levels for a period (supported basis). */
@Injectable()
export class AgenciesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listVisible(actor: Actor, periodId: string | null): Promise<AgencySummary[]> {
    const national = actor.role === 'admin' || (actor.role === 'leader' && actor.agencyId === null);
    const where = national ? 'TRUE' : 'a.id = ANY($2::uuid[])';
    const reach = actor.role === 'evaluator' ? actor.assignedAgencyIds : [actor.agencyId];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT a.id, a.code, a.name, a.kind, a.area_code, a.parent_id,
              (SELECT count(*) FROM unit u WHERE u.agency_id = a.id)::int AS units,
              l7.level AS i7, l18.level AS i18, l18.coverage
         FROM agency a
         LEFT JOIN level_result l7 ON l7.agency_id = a.id AND l7.period_id = $1 AND l7.basis = 'supported' AND l7.indicator = 7 AND l7.unit_key = ''
         LEFT JOIN level_result l18 ON l18.agency_id = a.id AND l18.period_id = $1 AND l18.basis = 'supported' AND l18.indicator = 18 AND l18.unit_key = ''
        WHERE ${where}
        ORDER BY a.name`,
      national ? [periodId] : [periodId, reach],
    );
    return rows.map((r) => ({
      id: r.id as string,
      code: r.code as string,
      name: r.name as string,
      kind: r.kind as string,
      areaCode: r.area_code as string | null,
      parentId: r.parent_id as string | null,
      units: r.units as number,
      i7: (r.i7 as number | null) ?? null,
      i18: (r.i18 as number | null) ?? null,
      coverage: r.coverage === null || r.coverage === undefined ? null : Number(r.coverage),
    }));
  }

  findById(id: string): Promise<Agency | null> {
    return this.dataSource.getRepository(Agency).findOne({ where: { id } });
  }
}
