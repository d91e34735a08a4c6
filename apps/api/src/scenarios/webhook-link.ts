import type { EntityManager } from 'typeorm';
import { WebhookEntity } from '@integrator/persistence';

/**
 * A scenario whose first module is a hook trigger (webhook, mailhook, an app's instant trigger) with a chosen hook is the one that hook
 * starts (Make keeps the hook id in the trigger's parameters). Saving such a blueprint moves the
 * link; a trigger without a chosen hook leaves links made through the webhooks API alone.
 */
export async function linkWebhook(
  tx: EntityManager,
  scenarioId: number,
  blueprint: Record<string, unknown>,
): Promise<void> {
  const first = (
    blueprint.flow as Array<{ module?: string; parameters?: Record<string, unknown> }> | undefined
  )?.[0];
  // The webhook and mailhook triggers, and every app's instant trigger (Slack, Telegram…): the
  // first module's `hook` parameter (the team check of the reference ran before).
  if (typeof first?.module !== 'string') return;
  const hookId = Number(first.parameters?.hook);
  if (!Number.isInteger(hookId) || hookId < 1) return;
  const hooks = tx.getRepository(WebhookEntity);
  await hooks.update({ scenarioId }, { scenarioId: null });
  await hooks.update({ id: hookId }, { scenarioId });
}
