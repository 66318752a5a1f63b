import { Global, Module } from '@nestjs/common';
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
  providers: [WorkflowLock, WorkflowStateRepository, FrozenResultsReader, FrameworkSnapshotRepository],
  exports: [WorkflowLock, WorkflowStateRepository, FrozenResultsReader, FrameworkSnapshotRepository],
})
export class WorkflowCoreModule {}
