import { Module } from '@nestjs/common';
import { HooksController } from './hooks.controller';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({ controllers: [WebhooksController, HooksController], providers: [WebhooksService], exports: [WebhooksService] })
export class WebhooksModule {}
