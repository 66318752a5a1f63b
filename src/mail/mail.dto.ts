import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAIL_STATUSES, MailStatus } from './mail-outbox.entity';

export class MailListQuery {
  @IsOptional() @IsIn(MAIL_STATUSES) status?: MailStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(10000) page?: number;
}
