import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AgencyLockInterceptor } from './agency-lock.interceptor';
import { FrameworkSnapshotRepository } from './framework-snapshot.repository';
import { FrozenResultsReader } from './frozen-results.reader';
import { UnitOfWork } from './unit-of-work';
import { WorkflowLock } from './workflow-lock';
import { WorkflowStateRepository } from './workflow-state.repository';

/**
 * Global so that every writer of agency data (evidence, claims, agency data, hub imports,
 * decisions) writes through the unit of work, and every reader of results can prefer frozen ones.
 */
@Global()
@Module({
  providers: [
    UnitOfWork,
    WorkflowLock,
    WorkflowStateRepository,
    FrozenResultsReader,
    FrameworkSnapshotRepository,
    { provide: APP_INTERCEPTOR, useClass: AgencyLockInterceptor },
  ],
  exports: [
    UnitOfWork,
    WorkflowLock,
    WorkflowStateRepository,
    FrozenResultsReader,
    FrameworkSnapshotRepository,
  ],
})
export class WorkflowCoreModule {}
