import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { JobQueueRepository } from './job-queue.repository';

@Module({ providers: [JobQueue, JobQueueRepository], exports: [JobQueue] })
export class JobsModule {}
