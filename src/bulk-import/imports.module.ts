import { Module } from '@nestjs/common';
import { AgencyDataModule } from '../agency-data/agency-data.module';
import { ApplicationsModule } from '../applications/applications.module';
import { UnitsModule } from '../units/units.module';
import { ImportsController } from './imports.controller';
import { ImportsPagesController } from './imports.pages.controller';
import { ImportsService } from './imports.service';
import { WorkflowCoreModule } from '../workflow-core/workflow-core.module';

/** Bulk import of an agency's units and applications from a CSV or XLSX table (dry run first). */
@Module({
  imports: [WorkflowCoreModule, AgencyDataModule, UnitsModule, ApplicationsModule],
  controllers: [ImportsController, ImportsPagesController],
  providers: [ImportsService],
})
export class ImportsModule {}
