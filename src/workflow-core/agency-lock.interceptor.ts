import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { WorkflowLock } from './workflow-lock';

/**
 * Agency pages learn whether the stage table lets the agency's data change now
 * (`res.locals.agencyLock`), so they offer forms only when a save could succeed.
 */
@Injectable()
export class AgencyLockInterceptor implements NestInterceptor {
  constructor(@Inject(WorkflowLock) private readonly lock: WorkflowLock) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      const agencyId = (req.params as Record<string, string | undefined>)?.agencyId;
      if (agencyId && isUUID(agencyId) && !req.path.startsWith('/api/')) {
        const res = context.switchToHttp().getResponse<Response>();
        res.locals.agencyLock = await this.lock.agencyDataLock(agencyId);
      }
    }
    return next.handle();
  }
}
