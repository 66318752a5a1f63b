import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { UUID_PATTERN } from '../access/object-scope';
import type { UnitCodes } from './hub-record.writer';

export interface HubInstanceView {
  hubId: string;
  name: string;
  level: string;
  platform: string;
  gatewayBaseUrls: string[];
  tenantDomain: string | null;
  parentHubId: string | null;
}

export interface AgencyRef {
  id: string;
  code: string;
  name: string;
  domain: string | null;
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

/** What an import needs to know about the agency: its units, its hubs and its tenant. */
@Injectable()
export class HubContextRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async agency(idOrCode: string): Promise<AgencyRef | null> {
    const byId = UUID_PATTERN.test(idOrCode);
    const rows: AgencyRef[] = await this.dataSource.query(
      `SELECT id, code, name, domain FROM agency WHERE ${byId ? 'id = $1::uuid' : 'lower(code) = lower($1)'}`,
      [idOrCode],
    );
    return rows[0] ?? null;
  }

  async unitCodes(m: EntityManager, agencyId: string): Promise<UnitCodes> {
    const rows: { id: string; code: string }[] = await m.query(
      'SELECT id, code FROM unit WHERE agency_id = $1',
      [agencyId],
    );
    return new Map(rows.map((r) => [r.code.trim().toLowerCase(), r.id]));
  }

  units(agencyId: string): Promise<UnitRef[]> {
    return this.dataSource.query('SELECT id, code, name FROM unit WHERE agency_id = $1 ORDER BY code, id', [
      agencyId,
    ]);
  }

  async unit(agencyId: string, idOrCode: string): Promise<UnitRef | null> {
    const byId = UUID_PATTERN.test(idOrCode);
    const rows: UnitRef[] = await this.dataSource.query(
      `SELECT id, code, name FROM unit WHERE agency_id = $1 AND ${byId ? 'id = $2::uuid' : 'lower(code) = lower($2)'}`,
      [agencyId, idOrCode],
    );
    return rows[0] ?? null;
  }

  applications(unitId: string): Promise<Array<{ id: string; name: string }>> {
    return this.dataSource.query('SELECT id, name FROM application WHERE unit_id = $1 ORDER BY name, id', [
      unitId,
    ]);
  }

  instances(agencyId: string): Promise<HubInstanceView[]> {
    return this.dataSource.query(
      `SELECT hub_id AS "hubId", name, level, platform, gateway_base_urls AS "gatewayBaseUrls",
              tenant_domain AS "tenantDomain", parent_hub_id AS "parentHubId"
         FROM hub_instance WHERE agency_id = $1 ORDER BY level, hub_id`,
      [agencyId],
    );
  }

  /**
   * The hub a file belongs to when the user named none: the agency's only own (non-national) hub
   * declared in F8, else `spl-<agency code>` while no own hub is declared. With several own hubs
   * the user must choose (the parser then asks). The tenant is the hub's, else the agency domain.
   */
  async hubFor(agencyId: string, requested?: string): Promise<{ hubId?: string; tenantDomain?: string }> {
    const agency = await this.agency(agencyId);
    const hubs = await this.instances(agencyId);
    const own = hubs.filter((h) => h.level !== 'NASIONAL');
    const fallback = own.length === 1 ? own[0].hubId : own.length === 0 ? defaultHubId(agency) : undefined;
    const hubId = requested?.trim() || fallback;
    const hub = hubs.find((h) => h.hubId === hubId);
    return { hubId, tenantDomain: hub?.tenantDomain ?? agency?.domain ?? undefined };
  }
}

export function defaultHubId(agency: Pick<AgencyRef, 'code'> | null): string | undefined {
  return agency ? `spl-${agency.code.toLowerCase()}` : undefined;
}
