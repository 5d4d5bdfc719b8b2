import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { INT32_MAX } from '../platform/http/bad-input';

export const KEY_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export class DeployDefinitionDto {
  @ApiProperty({ example: 'document-approval', description: 'kebab-case, stable across versions' })
  @IsString()
  @Matches(KEY_PATTERN, { message: 'key must be kebab-case (a-z, 0-9, single dashes)' })
  @MaxLength(100)
  key: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({
    description: 'XState v5 machine config as JSON; behaviour named from the engine vocabulary',
  })
  @IsObject()
  machine: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Organisation settings: assignments, due durations, approval levels' })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;
}

export class UpdateSettingsDto {
  @ApiProperty({
    description:
      'Per-step overrides keyed by state id: { steps: { "<stateId>": { candidateRole | candidateGroup, dueIn, approvalLevels } } }',
    example: { steps: { 'document-approval.drafting': { candidateRole: 'aims-manager', dueIn: 'P14D' } } },
  })
  @IsObject()
  settings: Record<string, unknown>;
}

export class StartInstanceDto {
  @ApiProperty()
  @IsString()
  @Matches(KEY_PATTERN)
  definitionKey: string;

  @ApiPropertyOptional({ description: 'Defaults to the latest version' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  version?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  businessKey?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  input?: Record<string, unknown>;
}

export class SendEventDto {
  @ApiProperty({ example: 'APPROVED' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_.]*$/, { message: 'type must be an event name such as APPROVED' })
  @MaxLength(100)
  type: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

export class CancelInstanceDto {
  @ApiPropertyOptional({
    description: 'Why the process is cancelled, kept in the audit trail; required for the AIMS programme',
    maxLength: 1000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ListInstancesQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  definitionKey?: string;

  @ApiPropertyOptional({ enum: ['active', 'completed', 'cancelled', 'failed'] })
  @IsOptional()
  @IsIn(['active', 'completed', 'cancelled', 'failed'])
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  businessKey?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;
}

export class MigrateInstanceDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  toVersion: number;

  @ApiPropertyOptional({ description: '{ "old.state.path": "new.state.path" }' })
  @IsOptional()
  @IsObject()
  stateMapping?: Record<string, string>;
}

export class CompleteTaskDto {
  @ApiProperty({ description: 'The form submission; validated against the form version the task pinned' })
  @IsObject()
  data: Record<string, unknown>;
}
