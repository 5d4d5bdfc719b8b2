import { Module } from '@nestjs/common';
import { RegistersModule } from '../registers/registers.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { ProgrammeController } from './programme.controller';
import { ProgrammeService } from './programme.service';

/** The organisation's ISO/IEC 42001 programme: start it, and see where each phase stands. */
@Module({
  imports: [WorkflowModule, RegistersModule],
  controllers: [ProgrammeController],
  providers: [ProgrammeService],
})
export class ProgrammeModule {}
