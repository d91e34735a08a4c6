import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, Inject } from '@nestjs/common';
import Redis from 'ioredis';
import type { RunEvent } from '@integrator/engine';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RunEventBus } from './events';
import { ExecutionRunner } from './runner.service';

/** Events published in one message at most. */
const MAX_BATCH = 200;

/**
 * Distributed mode: live run events travel over Redis pub/sub, so a browser following a run
 * on one API process sees it whichever worker runs it. The events a process publishes in the
 * same tick (under load, the finishes of a whole batch of results) go in one message: one
 * PUBLISH and one delivery per subscriber instead of one per event. A message is
 * `<origin>\n<JSON array of events>`: a process skips its own without parsing them.
 */
@Injectable()
export class RedisRelay implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('RedisRelay');
  private pub?: Redis;
  private sub?: Redis;
  private outgoing: RunEvent[] = [];
  private channel = '';
  private origin = '';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly bus: RunEventBus,
    private readonly runner: ExecutionRunner,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.databaseUrl || !this.config.redisUrl) return;
    const origin = (this.origin = this.runner.workerId);
    this.pub = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 3 });
    this.pub.on('error', (e) => this.log.warn(`redis: ${e.message}`));
    // One installation's processes share the channel (its queue prefix names the installation).
    const channel = (this.channel = `${this.config.queuePrefix ?? 'integrator'}:run-events`);
    if (this.config.followRunEvents !== false) {
      this.sub = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
      this.sub.on('error', (e) => this.log.warn(`redis: ${e.message}`));
      await this.sub.subscribe(channel);
      const own = `${origin}\n`;
      this.sub.on('message', (_channel, text) => {
        if (text.startsWith(own)) return;
        const events = JSON.parse(text.slice(text.indexOf('\n') + 1)) as RunEvent[];
        for (const event of events) this.bus.publish(event, true);
      });
    }
    this.bus.relay = (event) => {
      this.outgoing.push(event);
      if (this.outgoing.length === 1) setImmediate(() => this.flush());
    };
  }

  private flush(): void {
    while (this.outgoing.length) {
      const batch = this.outgoing.splice(0, MAX_BATCH);
      void this.pub?.publish(this.channel, `${this.origin}\n${JSON.stringify(batch)}`).catch(() => undefined);
    }
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
    this.flush(); // what the last tick published still goes out before the connection closes
    if (!this.pub) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => (timer = setTimeout(resolve, 1000))); // Redis gone: no waiting
    await Promise.race([this.pub.quit().catch(() => undefined), late]);
    clearTimeout(timer);
    this.pub.disconnect();
  }
}
