import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** Kinds of shared state that processes cache. */
export type StateKind = 'organization' | 'scenario' | 'hook' | 'connection' | 'appConnector' | 'user';

type Handler = (id: number | undefined) => void;

/** How often the version counters are read (the safety net when a message is lost). */
export const VERSION_POLL_MS = 500;

/**
 * Keeps the caches of several processes (API processes and workers) consistent: a change
 * drops the cached entry here at once, in the other processes through Redis pub/sub within
 * milliseconds, and through a counter per kind in the database within VERSION_POLL_MS when
 * a message was missed (a reconnect) or there is no Redis (several processes on PostgreSQL).
 * A single embedded process (SQLite) needs neither.
 */
@Injectable()
export class SharedState implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('SharedState');
  private readonly handlers = new Map<StateKind, Handler[]>();
  private readonly versions = new Map<string, number>();
  private readonly origin = randomUUID();
  private pub?: Redis;
  private sub?: Redis;
  private timer?: NodeJS.Timeout;
  private polled = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One installation's processes share a channel (its queue prefix names the installation). */
  private get channel(): string {
    return `${this.config.queuePrefix ?? 'integrator'}:state-changed`;
  }

  private get shared(): boolean {
    return this.db.options.type === 'postgres';
  }

  /** Registers how this process drops its cached copy (one entry, or all without an id). */
  on(kind: StateKind, handler: Handler): void {
    this.handlers.set(kind, [...(this.handlers.get(kind) ?? []), handler]);
  }

  /** After a change is stored, without waiting: a failure to announce it is logged. */
  announce(kind: StateKind, id?: number): void {
    this.changed(kind, id).catch((e: Error) =>
      this.log.warn(`could not announce a change of ${kind}: ${e.message}`),
    );
  }

  /** Call after a change is stored: every process drops what it cached of it. */
  async changed(kind: StateKind, id?: number): Promise<void> {
    this.drop(kind, id);
    if (!this.shared) return;
    await this.db.query(
      'INSERT INTO state_versions (kind, version) VALUES ($1, 1) ON CONFLICT (kind) DO UPDATE SET version = state_versions.version + 1',
      [kind],
    );
    await this.pub
      ?.publish(this.channel, JSON.stringify({ origin: this.origin, kind, id }))
      .catch((e: Error) => this.log.warn(`could not announce a change of ${kind}: ${e.message}`));
  }

  async onModuleInit(): Promise<void> {
    if (!this.shared) return;
    await this.poll();
    this.timer = setInterval(() => void this.poll(), VERSION_POLL_MS);
    this.timer.unref();
    if (!this.config.redisUrl) return;
    this.pub = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 3 });
    this.sub = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
    this.pub.on('error', (e) => this.log.warn(`redis: ${e.message}`));
    this.sub.on('error', (e) => this.log.warn(`redis: ${e.message}`));
    this.sub.on('message', (_channel, text) => this.received(text));
    await this.sub.subscribe(this.channel);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.sub?.disconnect();
    this.pub?.disconnect();
  }

  /** Reads the counters; a kind whose counter moved is dropped whole. */
  async poll(): Promise<void> {
    try {
      const rows = (await this.db.query('SELECT kind, version FROM state_versions')) as Array<{
        kind: string;
        version: number;
      }>;
      for (const row of rows) {
        const seen = this.versions.get(row.kind);
        this.versions.set(row.kind, row.version);
        if (this.polled && seen !== row.version) this.drop(row.kind as StateKind, undefined);
      }
      this.polled = true;
    } catch (e) {
      this.log.warn(`could not read the state versions: ${(e as Error).message}`);
    }
  }

  private received(text: string): void {
    try {
      const message = JSON.parse(text) as { origin: string; kind: StateKind; id?: number };
      if (message.origin !== this.origin) this.drop(message.kind, message.id);
    } catch {
      this.log.warn('ignored an unreadable state-change message');
    }
  }

  private drop(kind: StateKind, id: number | undefined): void {
    for (const handler of this.handlers.get(kind) ?? []) handler(id);
  }
}
