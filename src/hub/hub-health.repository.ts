import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TlsProbe } from './tls-probe';

export interface Gateway {
  agencyId: string;
  hubId: string;
  url: string;
}

export interface EndpointCheckRow {
  hubId: string;
  url: string;
  checkedAt: Date;
  reachable: boolean;
  chainVerified: boolean;
  error: string | null;
  subject: string | null;
  issuer: string | null;
  validFrom: Date | null;
  validTo: Date | null;
}

/** The gateway URLs agencies recorded (F8 hubs file) and the latest TLS check of each. */
@Injectable()
export class HubHealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The agency's own SPL gateways (not the national SPLP's), or every agency's. */
  gateways(agencyId: string | null): Promise<Gateway[]> {
    return this.dataSource.query(
      `SELECT DISTINCT h.agency_id AS "agencyId", h.hub_id AS "hubId", u.url
         FROM hub_instance h, unnest(h.gateway_base_urls) AS u(url)
        WHERE ($1::uuid IS NULL OR h.agency_id = $1::uuid) AND h.level <> 'NASIONAL'
        ORDER BY 1, 2, 3`,
      [agencyId],
    );
  }

  async store(gateway: Gateway, probe: TlsProbe, checkedAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO hub_endpoint_check (agency_id, hub_id, url, checked_at, reachable, chain_verified, error, subject,
         issuer, valid_from, valid_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (agency_id, hub_id, url) DO UPDATE SET checked_at = EXCLUDED.checked_at,
         reachable = EXCLUDED.reachable, chain_verified = EXCLUDED.chain_verified, error = EXCLUDED.error,
         subject = EXCLUDED.subject, issuer = EXCLUDED.issuer, valid_from = EXCLUDED.valid_from,
         valid_to = EXCLUDED.valid_to`,
      [
        gateway.agencyId,
        gateway.hubId,
        gateway.url,
        checkedAt,
        probe.reachable,
        probe.chainVerified,
        probe.error,
        probe.subject,
        probe.issuer,
        probe.validFrom,
        probe.validTo,
      ],
    );
  }

  checks(agencyId: string): Promise<EndpointCheckRow[]> {
    return this.dataSource.query(
      `SELECT hub_id AS "hubId", url, checked_at AS "checkedAt", reachable, chain_verified AS "chainVerified", error,
              subject, issuer, valid_from AS "validFrom", valid_to AS "validTo"
         FROM hub_endpoint_check WHERE agency_id = $1 ORDER BY hub_id, url`,
      [agencyId],
    );
  }
}
