import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import { STORAGE_DRIVER, StorageDriver } from '../../storage/storage.driver';
import type { UploadedEvidenceFile } from './hashing-storage.engine';
import { discardUploads } from './upload-commit';

/**
 * Placed after the files interceptor: when anything between the upload and the service refuses
 * the request (a validation pipe, a param pipe), the temporary files are deleted before the error
 * answer, so a refused upload never leaves a file behind. The services clean up their own errors.
 */
@Injectable()
export class DiscardUploadsOnError implements NestInterceptor {
  constructor(@Inject(STORAGE_DRIVER) private readonly driver: StorageDriver) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const request = context.switchToHttp().getRequest<Request & { files?: unknown }>();
        const files = request.files ?? [];
        const list = (Array.isArray(files) ? files : Object.values(files).flat()) as UploadedEvidenceFile[];
        const temps = list.map((f) => f.tempKey);
        return from(discardUploads(this.driver, temps.filter(Boolean))).pipe(
          mergeMap(() => throwError(() => error)),
        );
      }),
    );
  }
}
