import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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

export interface ExpiryNotice extends Gateway {
  validTo: Date;
  issuer: string | null;
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

  /**
   * Certificates that expire before `until` (or have expired) and whose agency has not been told
   * about that expiry date yet; marks them told, in the caller's transaction, so two instances
   * checking at once announce each one once.
   */
  async claimExpiryNotices(m: EntityManager, until: Date): Promise<ExpiryNotice[]> {
    const [rows] = (await m.query(
      `UPDATE hub_endpoint_check c SET notice_valid_to = c.valid_to
        WHERE c.valid_to IS NOT NULL AND c.valid_to < $1
          AND c.notice_valid_to IS DISTINCT FROM c.valid_to
        RETURNING c.agency_id AS "agencyId", c.hub_id AS "hubId", c.url, c.valid_to AS "validTo", c.issuer`,
      [until],
    )) as [ExpiryNotice[], number];
    return rows;
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
