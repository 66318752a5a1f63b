import { Module } from '@nestjs/common';
import { HubModule } from '../hub/hub.module';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { ScoringModule } from '../scoring/scoring.module';
import { UnitsModule } from '../units/units.module';
import { OnboardingController } from './onboarding.controller';
import { OnboardingPagesController } from './onboarding.pages.controller';
import { OnboardingRepository } from './onboarding.repository';
import { OnboardingRoleRepository } from './onboarding-role.repository';
import { OnboardingRolesPagesController } from './onboarding-roles.pages.controller';
import { OnboardingRolesService } from './onboarding-roles.service';
import { OnboardingService } from './onboarding.service';
import { RoadmapController } from './roadmap.controller';
import { RoadmapService } from './roadmap.service';
import { ServiceDirectoryService } from './service-directory.service';
import { SplConnectionService } from './spl-connection.service';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';
import { LevelsModule } from '../levels/levels.module';
import { PeriodLookupModule } from '../periods/period-lookup.module';

/** The road to the SPLP: application steps, agency checklists, the roadmap and its reminders. */
@Module({
  imports: [
    PeriodLookupModule,
    LevelsModule,
    WorkflowCoreModule,
    AgencyDataModule,
    HubModule,
    ScoringModule,
    UnitsModule,
  ],
  controllers: [
    OnboardingController,
    RoadmapController,
    OnboardingRolesPagesController,
    OnboardingPagesController,
  ],
  providers: [
    OnboardingService,
    OnboardingRepository,
    OnboardingRoleRepository,
    OnboardingRolesService,
    RoadmapService,
    ServiceDirectoryService,
    SplConnectionService,
  ],
  exports: [RoadmapService, OnboardingService, SplConnectionService, OnboardingRepository],
})
export class OnboardingModule {}
