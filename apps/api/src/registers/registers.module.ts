import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { RegisterFeeder } from './register-feeder.service';
import { RegistersController } from './registers.controller';
import { RegistersService } from './registers.service';

/** The registers (gap list, SoA, AI systems, risks, impact assessments, documents), fed by the engine's step listener. */
@Module({
  imports: [WorkflowModule],
  controllers: [RegistersController],
  providers: [RegistersService, RegisterFeeder],
  exports: [RegistersService, RegisterFeeder],
})
export class RegistersModule {}
