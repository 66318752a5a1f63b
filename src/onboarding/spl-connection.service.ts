import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HubIntegrationsRepository } from '../hub/hub-integrations.repository';
import { OnboardingRepository } from './onboarding.repository';

export interface SplConnection {
  /** Derived, never typed in: hub proof or counting evidence of an integration with the SPLP. */
  connected: boolean;
  basis: Array<'hub' | 'evidence'>;
  hubSignals: { detail: string; fileName: string | null }[];
  evidencedIntegrations: { peer: string; evidence: number }[];
  hubs: { name: string; level: string; platform: string; fileName: string | null }[];
  /** What the SPL records state by hand, and whether that disagrees with the derived answer. */
  stated: boolean | null;
  statedDiffers: boolean;
}

/**
 * One SPL on screen: the SPL records the team keeps and the hubs imported from the hub's own
 * data, with "connected to the SPLP" derived from the hub's proof and counting evidence (the
 * same two sources the levels read), saying which of them holds.
 */
@Injectable()
export class SplConnectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HubIntegrationsRepository) private readonly hub: HubIntegrationsRepository,
    @Inject(OnboardingRepository) private readonly repo: OnboardingRepository,
  ) {}

  async read(agencyId: string): Promise<SplConnection> {
    const [signals, evidenced, hubs, stated] = await Promise.all([
      this.hub.signals(this.dataSource.manager, agencyId),
      this.repo.evidencedSplpIntegrations(agencyId),
      this.repo.hubInstances(agencyId),
      this.repo.statedSplpConnection(agencyId),
    ]);
    const hubSignals = signals
      .filter((s) => s.target === 'splp')
      .map((s) => ({ detail: s.detail, fileName: s.fileName }));
    const basis: SplConnection['basis'] = [];
    if (hubSignals.length) basis.push('hub');
    if (evidenced.length) basis.push('evidence');
    const connected = basis.length > 0;
    return {
      connected,
      basis,
      hubSignals,
      evidencedIntegrations: evidenced,
      hubs,
      stated,
      statedDiffers: stated !== null && stated !== connected,
    };
  }
}
