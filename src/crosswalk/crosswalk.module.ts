import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { FrameworkPackagesModule } from '../framework-packages/framework-packages.module';
import { CrosswalkCarryService } from './crosswalk-carry.service';
import { CrosswalkController } from './crosswalk.controller';
import { CrosswalkPagesController } from './crosswalk.pages.controller';

/** Carry-over of evidence between frameworks by the crosswalk: preview, confirm, commit. */
@Module({
  imports: [EvidenceModule, FrameworkPackagesModule],
  controllers: [CrosswalkController, CrosswalkPagesController],
  providers: [CrosswalkCarryService],
})
export class CrosswalkModule {}
