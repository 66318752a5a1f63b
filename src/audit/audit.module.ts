import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuditAnchorRepository } from './audit-anchor.repository';
import { AuditAnchorScheduler } from './audit-anchor.scheduler';
import { AuditAnchorService } from './audit-anchor.service';
import { AuditLogRepository } from './audit-log.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  providers: [AuditService, AuditLogRepository, AuditAnchorRepository, AuditAnchorService],
  exports: [AuditService, AuditAnchorService],
})
export class AuditModule {
  /** The server anchors the chains on a timer; the command line does not. */
  static forServer(): DynamicModule {
    return { module: AuditModule, providers: [AuditAnchorScheduler] };
  }
}
