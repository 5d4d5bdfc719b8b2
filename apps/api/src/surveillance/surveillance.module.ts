import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { SurveillanceController } from './surveillance.controller';
import { SurveillanceVisits } from './surveillance.service';
import { VisitStartInput } from './visit-start-input';

/**
 * After certification (phase 5): the sampling coverage of the certification body's visits, and a
 * visit started by hand getting its certificate and deadline from the registers.
 */
@Module({
  imports: [WorkflowModule],
  controllers: [SurveillanceController],
  providers: [SurveillanceVisits, VisitStartInput],
})
export class SurveillanceModule {}
