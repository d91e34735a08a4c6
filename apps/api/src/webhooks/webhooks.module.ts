import { Module } from '@nestjs/common';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { HooksController } from './hooks.controller';
import { HookReceiver } from './hook-receiver';
import { InstantHooks } from './instant-hooks';
import { HookSamples } from './hook-samples';
import { ScheduledHooks } from './scheduled-hooks';
import { WebhookIdempotency } from './idempotency';
import { MailInboundService } from './mail-inbound.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [SchedulerModule],
  controllers: [WebhooksController, HooksController],
  providers: [
    WebhooksService,
    WebhookIdempotency,
    MailInboundService,
    InstantHooks,
    HookSamples,
    ScheduledHooks,
    HookReceiver,
  ],
  exports: [WebhooksService, HookReceiver],
})
export class WebhooksModule {}
