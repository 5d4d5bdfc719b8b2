import { Module } from '@nestjs/common';
import { RegistersModule } from '../registers/registers.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { InputPackFreezer } from './input-pack-freezer.service';
import { ManagementReviewController } from './management-review.controller';
import { ManagementReviews } from './management-review.service';

/** The management review's input pack (9.3.2): compiled live from the registers, frozen with its hash when the review is held. */
@Module({
  imports: [WorkflowModule, RegistersModule],
  controllers: [ManagementReviewController],
  providers: [ManagementReviews, InputPackFreezer],
})
export class ManagementReviewModule {}
