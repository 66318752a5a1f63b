import { Module } from '@nestjs/common';
import { OnboardingModule } from '../onboarding/onboarding.module';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { SplController } from './spl.controller';
import { SplPagesController } from './spl.pages.controller';
import { SplRepository } from './spl.repository';
import { SplService } from './spl.service';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';

@Module({
  imports: [WorkflowCoreModule, AgencyDataModule, OnboardingModule],
  controllers: [SplController, SplPagesController],
  providers: [SplService, SplRepository],
})
export class SplModule {}
