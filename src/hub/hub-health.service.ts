import { Inject, Injectable } from '@nestjs/common';
import { daysToExpiry, expiryWarning } from './hub-figures.calc';
import { Gateway, HubHealthRepository } from './hub-health.repository';
import { probeTls, type TlsProbe, type TlsProbeOptions } from './tls-probe';

export interface EndpointHealth {
  hubId: string;
  url: string;
  checkedAt: string;
  reachable: boolean;
  chainVerified: boolean;
  error: string | null;
  subject: string | null;
  issuer: string | null;
  validTo: string | null;
  daysLeft: number | null;
  warning: boolean;
}

/** Gateways probed at once: a national run covers hundreds of SPLs without opening them all together. */
const CONCURRENCY = 4;

/**
 * SPL health: a TLS handshake with every gateway base URL agencies recorded, storing what the
 * certificate says and whether it verifies. Run by `hub check-endpoints`; never by a page view.
 */
@Injectable()
export class HubHealthService {
  constructor(@Inject(HubHealthRepository) private readonly repo: HubHealthRepository) {}

  async checkAll(
    agencyId: string | null,
    options: TlsProbeOptions = { timeoutMs: 10_000 },
    onResult?: (gateway: Gateway, probe: TlsProbe) => void,
  ): Promise<number> {
    const queue = await this.repo.gateways(agencyId);
    const total = queue.length;
    const worker = async () => {
      for (let gateway = queue.shift(); gateway; gateway = queue.shift()) {
        const probe = await probeTls(gateway.url, options);
        await this.repo.store(gateway, probe, new Date());
        onResult?.(gateway, probe);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return total;
  }

  async endpoints(agencyId: string, now = new Date()): Promise<EndpointHealth[]> {
    return (await this.repo.checks(agencyId)).map((c) => {
      const daysLeft = daysToExpiry(c.validTo ? new Date(c.validTo) : null, now);
      return {
        hubId: c.hubId,
        url: c.url,
        checkedAt: new Date(c.checkedAt).toISOString(),
        reachable: c.reachable,
        chainVerified: c.chainVerified,
        error: c.error,
        subject: c.subject,
        issuer: c.issuer,
        validTo: c.validTo ? new Date(c.validTo).toISOString() : null,
        daysLeft,
        warning: !c.chainVerified || expiryWarning(daysLeft),
      };
    });
  }
}
