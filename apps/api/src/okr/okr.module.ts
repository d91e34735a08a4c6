import { Module } from '@nestjs/common';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { AutomatedCheckInsService } from './automated-check-ins.service';
import { CheckInsController } from './check-ins.controller';
import { CheckInsService } from './check-ins.service';
import { KeyResultsController } from './key-results.controller';
import { KeyResultsService } from './key-results.service';
import { ObjectivesController } from './objectives.controller';
import { ObjectivesService } from './objectives.service';
import { OkrConnectors } from './okr-connectors';
import { OkrRuntime } from './okr-runtime';

/** Objectives, key results and check-ins (REST), the daily automated check-in, and services.keyResults for the okr:* modules. */
@Module({
  imports: [SchedulerModule],
  controllers: [ObjectivesController, KeyResultsController, CheckInsController],
  providers: [
    ObjectivesService,
    KeyResultsService,
    CheckInsService,
    AutomatedCheckInsService,
    OkrConnectors,
    OkrRuntime,
  ],
  exports: [KeyResultsService, CheckInsService],
})
export class OkrModule {}
