import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AgencyLockInterceptor } from './agency-lock.interceptor';
import { FrameworkSnapshotRepository } from './framework-snapshot.repository';
import { FrozenResultsReader } from './frozen-results.reader';
import { WorkflowLock } from './workflow-lock';
import { WorkflowStateRepository } from './workflow-state.repository';

/**
 * Global so that every writer of agency data (evidence, claims, agency data, hub imports) can
 * ask the workflow lock, and every reader of results can prefer frozen ones.
 */
@Global()
@Module({
  providers: [
    WorkflowLock,
    WorkflowStateRepository,
    FrozenResultsReader,
    FrameworkSnapshotRepository,
    { provide: APP_INTERCEPTOR, useClass: AgencyLockInterceptor },
  ],
  exports: [WorkflowLock, WorkflowStateRepository, FrozenResultsReader, FrameworkSnapshotRepository],
})
export class WorkflowCoreModule {}
