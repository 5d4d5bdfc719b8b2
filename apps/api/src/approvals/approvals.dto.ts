import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class DecisionDto {
  @ApiProperty({ enum: ['approve', 'reject', 'request-changes'] })
  @IsIn(['approve', 'reject', 'request-changes'])
  decision: 'approve' | 'reject' | 'request-changes';

  @ApiPropertyOptional({ description: 'Required to reject or request changes', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}
