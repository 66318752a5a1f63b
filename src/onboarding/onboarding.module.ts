import { Module } from '@nestjs/common';
import { HubIntegrationsRepository } from '../hub/hub-integrations.repository';
import { HubModule } from '../hub/hub.module';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { UnitRepository } from '../units/unit.repository';
import { OnboardingController } from './onboarding.controller';
import { OnboardingPagesController } from './onboarding.pages.controller';
import { OnboardingRepository } from './onboarding.repository';
import { OnboardingService } from './onboarding.service';
import { RoadmapController } from './roadmap.controller';
import { RoadmapService } from './roadmap.service';
import { ServiceDirectoryService } from './service-directory.service';
import { SplConnectionService } from './spl-connection.service';

/** The road to the SPLP: application steps, agency checklists, the roadmap and its reminders. */
@Module({
  imports: [AgencyDataModule, HubModule],
  controllers: [OnboardingController, RoadmapController, OnboardingPagesController],
  providers: [
    OnboardingService,
    OnboardingRepository,
    RoadmapService,
    ServiceDirectoryService,
    UnitRepository,
    SplConnectionService,
    HubIntegrationsRepository,
  ],
  exports: [RoadmapService, OnboardingService, SplConnectionService, OnboardingRepository],
})
export class OnboardingModule {}
