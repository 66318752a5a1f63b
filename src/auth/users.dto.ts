import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ROLES, Role } from '../access/roles';
import { IsOmittable } from '../common/validation';

const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Array.isArray(value) ? value : [value];
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === 'on' ? true : value === 'false' ? false : value;

export class AssignmentDto {
  @ApiProperty() @IsUUID() agencyId!: string;
  @ApiProperty() @IsUUID() periodId!: string;
}

export class CreateUserDto {
  @ApiProperty({
    example: 'operator.dinkes',
    description: 'Letters, digits, dot, dash, underscore; stored lower-case.',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,60}$/, {
    message: 'msg.validation.username',
  })
  username!: string;

  @ApiProperty() @IsString() @Length(1, 120) displayName!: string;

  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;

  @ApiPropertyOptional({ description: 'Required for agency roles; a leader without one is national.' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiProperty({ description: 'At least 10 characters.' }) @IsString() @Length(1, 1024) password!: string;

  @ApiPropertyOptional({ type: [String], description: 'Operators only: the units they may work on.' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ type: [AssignmentDto], description: 'Evaluators only (set by admins).' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AssignmentDto)
  assignments?: AssignmentDto[];
}

export class UpdateUserDto {
  @ApiProperty({ description: 'The version you read; a stale one answers 409.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional() @IsOmittable() @IsString() @Length(1, 120) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() active?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  unitIds?: string[];

  @ApiPropertyOptional({ type: [AssignmentDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AssignmentDto)
  assignments?: AssignmentDto[];
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'A temporary password; the user must change it at the next login.' })
  @IsString()
  @Length(1, 1024)
  password!: string;
}

export class ListUsersQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() agencyId?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) q?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() active?: boolean;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export class UserView {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) agencyId!: string | null;
  @ApiProperty({ nullable: true, type: String }) agencyName!: string | null;
  @ApiProperty({ type: [String] }) unitIds!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty() locked!: boolean;
  @ApiProperty({ nullable: true, type: String }) lastLoginAt!: string | null;
  @ApiProperty() version!: number;
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items!: UserView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class AssignmentsFormDto {
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  agencyIds?: string[];
}
