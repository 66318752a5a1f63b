import { Module } from '@nestjs/common';
import { HubModule } from '../hub/hub.module';
import { DemoSeeder } from './demo.seed';

/** Demo data at first boot; the hub module imports the demo's hub exports like any upload. */
@Module({ imports: [HubModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
