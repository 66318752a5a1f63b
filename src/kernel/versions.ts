import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';

/** The version field of DTOs; the check itself is `database/optimistic-version.ts`. */

/** The version the caller read; a stale one answers 409. */
export const VersionField = () =>
  applyDecorators(
    ApiProperty({ description: 'The version you read; a stale one answers 409.' }),
    Type(() => Number),
    IsInt({ message: 'msg.validation.version' }),
    Min(1, { message: 'msg.validation.version' }),
  );

export class VersionDto {
  @VersionField() version!: number;
}
