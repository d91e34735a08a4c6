import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, Inject } from '@nestjs/common';
import Redis from 'ioredis';
import type { RunEvent } from '@integrator/engine';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RunEventBus } from './events';
import { ExecutionRunner } from './runner.service';

/**
 * Distributed mode: live run events travel over Redis pub/sub, so a browser following a run
 * on one API process sees it whichever worker runs it.
 */
@Injectable()
export class RedisRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('RedisRelay');
  private pub?: Redis;
  private sub?: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: RunEventBus,
    private readonly runner: ExecutionRunner,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.databaseUrl || !this.config.redisUrl) return;
    const origin = this.runner.workerId;
    this.pub = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 3 });
    this.sub = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
    this.pub.on('error', (e) => this.log.warn(`redis: ${e.message}`));
    this.sub.on('error', (e) => this.log.warn(`redis: ${e.message}`));
    // One installation's processes share the channel (its queue prefix names the installation).
    const channel = `${this.config.queuePrefix ?? 'integrator'}:run-events`;
    await this.sub.subscribe(channel);
    this.sub.on('message', (_channel, text) => {
      const message = JSON.parse(text) as { origin: string; event: RunEvent };
      if (message.origin !== origin) this.bus.publish(message.event, true);
    });
    this.bus.relay = (event) =>
      void this.pub!.publish(channel, JSON.stringify({ origin, event })).catch(() => undefined);
  }

  /** Redis answers (readiness). */
  async ping(): Promise<boolean> {
    if (!this.pub) return true;
    try {
      return (await this.pub.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.bus.relay = undefined;
    this.sub?.disconnect();
    this.pub?.disconnect();
  }
}
