import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  Equals,
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

/** Form keys are kebab-case (the same rule as `FORM_KEY_PATTERN` of @aimsflow/form-schema). */
export const FORM_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const KEY_MESSAGE = 'key must be kebab-case (a-z, 0-9, single dashes)';

export class FormContentDto {
  @ApiProperty({ description: 'JSON Schema (draft 2020-12 or draft-07) of the submitted data' })
  @IsObject()
  schema: Record<string, unknown>;

  @ApiProperty({ description: 'react-jsonschema-form uiSchema' })
  @IsObject()
  uiSchema: Record<string, unknown>;
}

export class CreateFormDto extends FormContentDto {
  @ApiProperty({ example: 'ai-risk-assessment' })
  @IsString()
  @MaxLength(64)
  @Matches(FORM_KEY, { message: KEY_MESSAGE })
  key: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class UpdateDraftDto extends FormContentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ description: 'The lockVersion the client edited from; a stale one answers 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  baseVersion?: number;
}

export class PublishFormDto {
  @ApiProperty({ example: 'Adds the data-retention question' })
  @IsString()
  @Length(1, 1000)
  changeNote: string;
}

export class ValidateSubmissionDto {
  @ApiProperty({ description: 'The submission to check' })
  @Allow()
  data: unknown;
}

export class ImportFormDto extends CreateFormDto {
  @ApiProperty({ enum: [1] })
  @Equals(1, { message: 'formatVersion must be 1' })
  formatVersion: number;
}

export class ListFormsQuery {
  @ApiPropertyOptional({ description: 'Matches key or title' })
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

export class ExportFormQuery {
  @ApiPropertyOptional({ description: 'A published version; the draft when omitted' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT32_MAX)
  version?: number;
}

export class UploadEvidenceQuery {
  @ApiProperty({ example: 'policy.pdf' })
  @IsString()
  @Length(1, 255)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  @Matches(/^[^\\/\x00-\x1f]+$/, {
    message: 'name must be a file name without path separators or control characters',
  })
  name: string;

  @ApiProperty({ example: 'application/pdf', description: 'The MIME type of the file' })
  @IsString()
  @MaxLength(200)
  type: string;
}
