import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class CommentDto {
  @ApiProperty({ description: 'The message (plain text).' })
  @IsString()
  @IsNotEmpty({ message: 'msg.validation.comment_body' })
  @MaxLength(5000)
  body!: string;

  /** Page forms: the period year. */
  @IsOptional() @Type(() => Number) @IsInt() year?: number;
}
