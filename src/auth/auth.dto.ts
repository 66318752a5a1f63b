import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'koordinator' })
  @IsString()
  @Length(1, 100)
  username!: string;

  @ApiProperty({ description: 'The account password (the docs carry no example: not the demo one either).' })
  @IsString()
  @Length(1, 1024)
  password!: string;
}

export class LoginPageDto extends LoginDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  next?: string;
}

export class AccessTokenView {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty() expiresAt!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1024)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 10 characters.' })
  @IsString()
  @Length(1, 1024)
  newPassword!: string;
}

export class CreateTokenDto {
  @ApiProperty({ example: 'WSO2 usage push' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({
    description: 'Days until the token expires; omit for 365.',
    minimum: 1,
    maximum: 730,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(730)
  expiresInDays?: number;
}

export class TokenView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
}

export class CreatedTokenView extends TokenView {
  @ApiProperty({ description: 'Shown once; store it safely.' }) token!: string;
}
