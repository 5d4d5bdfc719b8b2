import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsStrictIsoDate } from '../platform/http/strict-iso-date';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './auth/password-policy';
import { ROLES, type Role } from './roles';

export class LoginDto {
  @ApiProperty({ example: 'admin@acme.example' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 512)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 512)
  currentPassword: string;

  @ApiProperty({
    description: `At least ${PASSWORD_MIN_LENGTH} characters and hard to guess (zxcvbn score ≥ 3)`,
  })
  // Length and strength are checked by the password policy, which says why in plain words.
  @IsString()
  @Length(1, 512)
  newPassword: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  @ApiPropertyOptional({
    description:
      'A temporary password the user must change at first sign-in (password policy applies); omit to get a generated one back, shown once',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  // Length and strength are checked by the password policy, which says why in plain words.
  @IsOptional()
  @IsString()
  @Length(1, 512)
  password?: string;

  @ApiPropertyOptional({ description: 'Access ends at this time (required for external auditors)' })
  // Optional, except for an external auditor, whose access must end (V16).
  @ValidateIf(
    (o: CreateUserDto) =>
      o.expiresAt != null || (Array.isArray(o.roles) && o.roles.includes('external-auditor')),
  )
  @IsDefined({ message: 'expiresAt is required for an external-auditor' })
  @IsStrictIsoDate({ toDate: true })
  expiresAt?: Date;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    description: 'null removes the end of access (refused while the user is an external auditor)',
  })
  @IsOptional()
  @IsStrictIsoDate({ toDate: true })
  expiresAt?: Date | null;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ description: 'Matches name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class CreateGroupDto {
  @ApiProperty()
  @IsString()
  @Length(1, 120)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class SetMembersDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  userIds: string[];
}
