import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ChangesModule } from '../changes/changes.module';
import { LevelsModule } from '../levels/levels.module';
import { AgencyLockInterceptor } from './agency-lock.interceptor';
import { FrameworkSnapshotRepository } from './framework-snapshot.repository';
import { FrozenResultsReader } from './frozen-results.reader';
import { FrozenResultsRepository } from './frozen-results.repository';
import { UnitOfWork } from './unit-of-work';
import { WorkflowLock } from './workflow-lock';
import { WorkflowStateRepository } from './workflow-state.repository';

/**
 * The unit of work every writer of agency data (evidence, claims, agency data, hub imports,
 * decisions) writes through, the workflow lock it takes, and the frozen results readers prefer.
 */
@Module({
  imports: [ChangesModule, LevelsModule],
  providers: [
    UnitOfWork,
    WorkflowLock,
    WorkflowStateRepository,
    FrozenResultsReader,
    FrozenResultsRepository,
    FrameworkSnapshotRepository,
    { provide: APP_INTERCEPTOR, useClass: AgencyLockInterceptor },
  ],
  exports: [
    UnitOfWork,
    WorkflowLock,
    WorkflowStateRepository,
    FrozenResultsReader,
    FrozenResultsRepository,
    FrameworkSnapshotRepository,
  ],
})
export class WorkflowCoreModule {}
