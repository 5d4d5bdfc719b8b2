import { Module } from '@nestjs/common';
import { SurveillanceController } from './surveillance.controller';
import { SurveillanceVisits } from './surveillance.service';

/** After certification (phase 5): the sampling coverage of the certification body's visits. */
@Module({ controllers: [SurveillanceController], providers: [SurveillanceVisits] })
export class SurveillanceModule {}
