import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyDirectory } from './agency-directory';
import { AgencyDirectoryRepository } from './agency-directory.repository';
import { AgenciesRepository } from './agencies.repository';
import { PeriodLookupModule } from '../periods/period-lookup.module';

@Module({
  imports: [PeriodLookupModule],
  controllers: [AgenciesController],
  providers: [AgenciesService, AgenciesRepository, AgencyDirectory, AgencyDirectoryRepository],
  exports: [AgenciesService, AgencyDirectory],
})
export class AgenciesModule {}
