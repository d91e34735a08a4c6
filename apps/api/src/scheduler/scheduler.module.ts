import { Module } from '@nestjs/common';
import { IncompleteModule } from '../incomplete/incomplete.module';
import { SchedulerService } from './scheduler.service';

@Module({ imports: [IncompleteModule], providers: [SchedulerService], exports: [SchedulerService] })
export class SchedulerModule {}
