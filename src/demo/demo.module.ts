import { Module } from '@nestjs/common';
import { EvidenceModule } from '../evidence/evidence.module';
import { HubModule } from '../hub/hub.module';
import { DemoSeeder } from './demo.seed';
import { StorageModule } from '../storage/storage.module';
import { LevelsModule } from '../levels/levels.module';

/** Demo data at first boot; the hub module imports the demo's hub exports like any upload. */
@Module({
  imports: [LevelsModule, StorageModule, HubModule, EvidenceModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
