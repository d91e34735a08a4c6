import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, Not, type DataSource } from 'typeorm';
import { changes, WebhookEntity } from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import { SharedState } from '../common/shared-state';

/**
 * Make's "Redetermine data structure": the hook listens, and the next request it receives is
 * not run but stored as its sample (what the picker maps from). The flag lives in the hook's row
 * and every process drops its cached hook when it changes (SharedState), so whichever process
 * receives the request sees it; the claim below lets one request alone become the sample.
 */
@Injectable()
export class HookSamples {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly shared: SharedState,
  ) {}

  private get hooks() {
    return this.db.getRepository(WebhookEntity);
  }

  /** Starts (or stops) listening for the next request. */
  async listen(hook: WebhookEntity, on: boolean): Promise<WebhookEntity> {
    hook.listeningSince = on ? this.clock.now() : null;
    await this.hooks.update({ id: hook.id }, { listeningSince: hook.listeningSince });
    await this.shared.changed('hook', hook.id);
    return hook;
  }

  /** True when the request became the hook's sample (and must not run). */
  async capture(hook: WebhookEntity, payload: Record<string, unknown>): Promise<boolean> {
    if (hook.listeningSince === null || hook.listeningSince === undefined) return false;
    const claimed = await this.hooks.update(
      { id: hook.id, listeningSince: Not(IsNull()) },
      changes<WebhookEntity>({ listeningSince: null, sample: payload, sampleAt: this.clock.now() }),
    );
    await this.shared.changed('hook', hook.id);
    // Another request (in this process or another) was taken as the sample first: this one runs.
    return Boolean(claimed.affected);
  }
}
