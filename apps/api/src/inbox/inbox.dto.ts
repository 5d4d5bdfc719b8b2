import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsStrictIsoDate } from '../platform/http/strict-iso-date';

const FILTERS = ['mine', 'available', 'all'] as const;
const STATUSES = ['open', 'completed', 'cancelled'] as const;
const SORTS = ['due', 'priority', 'created'] as const;

/** The filters and sort of an inbox query, as saved in a view. */
export class SavedInboxQueryDto {
  @ApiPropertyOptional({ enum: FILTERS, description: 'Absent: mine and available together' })
  @IsOptional()
  @IsIn(FILTERS)
  filter?: (typeof FILTERS)[number];

  @ApiPropertyOptional({ enum: STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsStrictIsoDate()
  dueBefore?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsStrictIsoDate()
  dueAfter?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  definitionKey?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  formKey?: string;

  @ApiPropertyOptional({ description: 'Text searched in the title' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'due' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: (typeof SORTS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class InboxQueryDto extends SavedInboxQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

/** One thing the current user may do with a task or approval, and why not when they may not. */
export class AllowedActionDto {
  @ApiProperty({ enum: ['approve', 'reject', 'request-changes', 'complete', 'claim', 'unclaim'] })
  action: string;
  @ApiProperty() allowed: boolean;
  @ApiPropertyOptional({ description: 'Why not, when not allowed' }) reason?: string;
}

export class InboxItemDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty() formKey: string;
  @ApiProperty({ nullable: true, type: Number }) formVersion: number | null;
  @ApiProperty() instanceId: string;
  @ApiProperty({ nullable: true, type: String }) definitionKey: string | null;
  @ApiProperty() stateId: string;
  @ApiProperty({ nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ nullable: true, type: String }) assigneeName: string | null;
  @ApiProperty({ nullable: true, type: String }) candidateRole: string | null;
  @ApiProperty({ nullable: true, type: String }) candidateGroupId: string | null;
  @ApiProperty({ nullable: true, type: String }) candidateGroupName: string | null;
  @ApiProperty({ nullable: true, type: String }) delegateId: string | null;
  @ApiProperty({ nullable: true, type: String }) delegateName: string | null;
  @ApiProperty({ nullable: true, type: String }) approvalId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) dueAt: Date | null;
  @ApiProperty() priority: number;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt: Date | null;
  @ApiProperty({ type: [AllowedActionDto] }) allowedActions: AllowedActionDto[];
}

export class SaveViewDto {
  @ApiProperty()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ type: SavedInboxQueryDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SavedInboxQueryDto)
  query: SavedInboxQueryDto;
}
