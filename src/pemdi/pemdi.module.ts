import { Module } from '@nestjs/common';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { AssessmentsModule } from '../assessments/assessments.module';
import { FrameworkPackagesModule } from '../framework-packages/framework-packages.module';
import { PeriodLookupModule } from '../periods/period-lookup.module';
import { ScoringModule } from '../scoring/scoring.module';
import { PACKAGE_LEVELS } from '../workflow-core/package-levels.port';
import { PemdiController } from './pemdi.controller';
import { PemdiPagesController } from './pemdi.pages.controller';
import { PemdiPeriods } from './pemdi-periods';
import { PemdiRepository } from './pemdi.repository';
import { PemdiService } from './pemdi.service';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';
import { LevelsModule } from '../levels/levels.module';

/**
 * Periods scored as a framework package other than SPBE 2020 (Pemdi 2026): claims with evidence,
 * externally entered values, the package's index and predicate. Provides the workflow's
 * PackageLevelsPort (validation and freeze of such a period).
 */
@Module({
  imports: [
    LevelsModule,
    WorkflowCoreModule,
    AgencyDataModule,
    AssessmentsModule,
    FrameworkPackagesModule,
    PeriodLookupModule,
    ScoringModule,
  ],
  controllers: [PemdiController, PemdiPagesController],
  providers: [
    PemdiService,
    PemdiRepository,
    PemdiPeriods,
    { provide: PACKAGE_LEVELS, useExisting: PemdiService },
  ],
  exports: [PemdiService, PemdiPeriods, PACKAGE_LEVELS],
})
export class PemdiModule {}
