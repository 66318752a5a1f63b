import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgencyWrite, LogChange } from '../workflow-core/unit-of-work';
import { IntegrationRepository } from '../integrations/integration.repository';
import { HubIntegrationsRepository, HubSignal } from './hub-integrations.repository';
import { HubRecordsRepository } from './hub-records.repository';

/** Signals named in a description; the rest are counted, so a description stays readable. */
const SIGNALS_SHOWN = 3;

/**
 * Everything derived from hub data after it changes (an import, a rule, a manual link): units of
 * APIs and applications, links to our applications, and the integrations the data proves. Runs
 * inside the caller's unit of work, which recomputes the levels afterwards.
 */
@Injectable()
export class HubDerivationService {
  constructor(
    @Inject(HubRecordsRepository) private readonly records: HubRecordsRepository,
    @Inject(HubIntegrationsRepository) private readonly hub: HubIntegrationsRepository,
    @Inject(IntegrationRepository) private readonly integrations: IntegrationRepository,
  ) {}

  async refresh(w: AgencyWrite): Promise<void> {
    const { m, agencyId } = w;
    await this.records.resolveApis(m, agencyId);
    await this.records.resolveApplications(m, agencyId);
    await this.records.autoLink(m, agencyId);
    await this.syncIntegrations(m, agencyId, w.log);
  }

  /**
   * One integration row per proven peer (source 'hub'); rows no longer supported by the data
   * are removed, manual rows are never touched.
   */
  private async syncIntegrations(m: EntityManager, agencyId: string, record: LogChange): Promise<void> {
    const desired = describe(await this.hub.signals(m, agencyId));
    const log = (entityId: string, action: 'create' | 'update' | 'delete', before?: object, after?: object) =>
      record({ entityType: 'integration', entityId, action, before, after });
    for (const row of await this.integrations.hubDerived(m, agencyId)) {
      const key = `${row.target}\u0000${row.peer}`;
      const wanted = desired.get(key);
      desired.delete(key);
      if (!wanted) {
        await this.integrations.removeHubDerived(m, row.id);
        await log(row.id, 'delete', row);
      } else if (wanted.description !== row.description) {
        await this.integrations.updateHubDescription(m, row.id, wanted.description);
        await log(row.id, 'update', row, { ...row, description: wanted.description });
      }
    }
    for (const wanted of desired.values()) {
      const id = await this.integrations.insertHubDerived(m, agencyId, wanted);
      await log(id, 'create', undefined, { id, ...wanted, source: 'hub' });
    }
  }
}

interface DesiredIntegration {
  target: 'splp' | 'other_spl';
  peer: string;
  description: string;
}

/** Groups signals by peer and writes the provenance people will read on the integrations page. */
export function describe(signals: HubSignal[]): Map<string, DesiredIntegration> {
  const byPeer = new Map<string, HubSignal[]>();
  for (const signal of signals) {
    const key = `${signal.target}\u0000${signal.peer}`;
    byPeer.set(key, [...(byPeer.get(key) ?? []), signal]);
  }
  const out = new Map<string, DesiredIntegration>();
  for (const [key, list] of byPeer) {
    const shown = list.slice(0, SIGNALS_SHOWN).map(signalText);
    const more = list.length > SIGNALS_SHOWN ? ` (+${list.length - SIGNALS_SHOWN} more)` : '';
    out.set(key, {
      target: list[0].target,
      peer: list[0].peer,
      description: `Hub data: ${shown.join('; ')}${more}`,
    });
  }
  return out;
}

export function signalText(s: HubSignal): string {
  const source = s.fileName
    ? ` [${s.fileName}, sha256 ${s.sha256?.slice(0, 12)}…, ${s.importedAt?.toISOString().slice(0, 10)}]`
    : '';
  return `${s.signal}: ${s.detail}${source}`;
}
