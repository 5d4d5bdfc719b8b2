import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsStrictIsoDate } from '../platform/http/strict-iso-date';

export class UserRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}

export class DelegateDto {
  @ApiProperty({ format: 'uuid', nullable: true, description: 'null ends the delegation' })
  @IsOptional()
  @IsUUID()
  userId: string | null;
}

export class SetDueDto {
  @ApiProperty({ format: 'date-time', nullable: true })
  @IsOptional()
  @IsStrictIsoDate()
  dueAt: string | null;
}

export class CommentDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  body: string;
}
