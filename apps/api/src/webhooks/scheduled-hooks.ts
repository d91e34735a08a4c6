import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { changes, WebhookEntity, WebhookRequestEntity, type ScenarioEntity } from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import { QueueRaced, SchedulerService } from '../scheduler/scheduler.service';
import { maxResultsOf } from '../scheduler/time-schedule';

/**
 * A scenario with an instant trigger and a time schedule (Make allows it): its requests wait in
 * the hook's queue, and each scheduled run takes the oldest of them, at most the trigger's
 * "Maximum number of results", as the bundles of one run in arrival order; the rest wait for the
 * next run. The requests are marked taken in the transaction that claims the slot and stores the
 * run, so a restart or a second process neither loses nor repeats one. "On demand" the same
 * applies to a run on demand without input (SchedulerService.startFromQueue).
 */
@Injectable()
export class ScheduledHooks implements OnModuleInit {
  constructor(
    private readonly scheduler: SchedulerService,
    @Inject(CLOCK) private readonly clock: ServerClock,
  ) {}

  onModuleInit(): void {
    this.scheduler.setQueuedInput((tx, scenario) => this.waiting(tx, scenario));
  }

  private async waiting(tx: EntityManager, scenario: ScenarioEntity) {
    const hooks = await tx
      .getRepository(WebhookEntity)
      .find({ where: { scenarioId: scenario.id }, select: { id: true } });
    if (!hooks.length) return undefined;
    const requests = tx.getRepository(WebhookRequestEntity);
    const rows = await requests.find({
      where: { webhookId: In(hooks.map((h) => h.id)), status: 'queued' },
      order: { id: 'ASC' },
      take: maxResultsOf(scenario.blueprint),
    });
    if (!rows.length) return null;
    return {
      input: rows.map((r) => r.payload),
      take: async (executionId: string) => {
        const taken = await requests.update(
          { id: In(rows.map((r) => r.id)), status: 'queued' },
          changes<WebhookRequestEntity>({
            status: 'done',
            executionId,
            payload: {},
            claimedAt: this.clock.now(),
          }),
        );
        if (taken.affected !== rows.length) throw new QueueRaced();
      },
    };
  }
}
