import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../access/actor';
import { HubEvidenceService } from '../hub/hub-evidence.service';
import { SERVICE_DIRECTORY } from './onboarding.catalogue';
import { OnboardingItemView } from './onboarding.dto';
import { OnboardingService } from './onboarding.service';

/**
 * The SPL requirement "service directory", proved by the hub's own API list: generates the
 * api_list evidence (PDF and CSV, src/hub/hub-evidence.service.ts) and links it to the item.
 */
@Injectable()
export class ServiceDirectoryService {
  constructor(
    @Inject(HubEvidenceService) private readonly hubEvidence: HubEvidenceService,
    @Inject(OnboardingService) private readonly onboarding: OnboardingService,
  ) {}

  async generate(actor: Actor, agencyId: string): Promise<OnboardingItemView> {
    const generated = await this.hubEvidence.generate(actor, agencyId, null);
    await this.onboarding.linkEvidence(actor, agencyId, SERVICE_DIRECTORY, generated.evidenceId);
    const list = await this.onboarding.checklist(agencyId, 'requirements');
    return list.items.find((i) => i.item === SERVICE_DIRECTORY)!;
  }
}
