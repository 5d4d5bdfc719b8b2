import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  Matches,
} from 'class-validator';

export class StartProgrammeDto {
  @ApiPropertyOptional({
    description:
      'Limit the phase-1 gap analysis to these clause requirement areas and Annex A controls (default: all of them)',
    example: ['4.1', '6.1.2', 'A.2.2', 'A.5.2'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^(?:[4-9]|10)(?:\.[0-9]+){0,2}$|^A\.[0-9]+\.[0-9]+(?:\.[0-9]+)?$/, {
    each: true,
    message: 'each gap item is a clause (6.1.2) or an Annex A control (A.2.2)',
  })
  gapItems?: string[];
}
