import { Module } from '@nestjs/common';
import { AgenciesController } from './agencies.controller';
import { AgenciesService } from './agencies.service';
import { AgencyDirectory } from './agency-directory';

@Module({
  controllers: [AgenciesController],
  providers: [AgenciesService, AgencyDirectory],
  exports: [AgenciesService, AgencyDirectory],
})
export class AgenciesModule {}
