import { Module } from '@nestjs/common';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { RetentionService } from './retention.service';

@Module({ imports: [SchedulerModule], providers: [RetentionService], exports: [RetentionService] })
export class RetentionModule {}
