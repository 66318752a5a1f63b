import { Module } from '@nestjs/common';
import { ApplicationRepository } from '../applications/application.repository';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { ImportsController } from './imports.controller';
import { ImportsPagesController } from './imports.pages.controller';
import { ImportsService } from './imports.service';
import { UnitRepository } from './unit.repository';

@Module({
  imports: [AgencyDataModule],
  controllers: [ImportsController, ImportsPagesController],
  providers: [ImportsService, UnitRepository, ApplicationRepository],
})
export class ImportsModule {}
