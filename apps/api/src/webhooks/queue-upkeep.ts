import { HttpException, type Logger } from '@nestjs/common';
import { LessThan, type DataSource } from 'typeorm';
import { WebhookRequestEntity } from '@integrator/persistence';

/** A full queue: 429 with a body that says how many requests wait. */
export function queueFull(queued: number): HttpException {
  return new HttpException(
    {
      statusCode: 429,
      error: 'Too Many Requests',
      message: `the webhook queue is full: ${queued} requests wait to be processed`,
    },
    429,
  );
}

/** Handled requests keep only their execution id; an hour later they go. */
export async function cleanUpRequests(db: DataSource, now: number, log: Logger): Promise<void> {
  const requests = db.getRepository(WebhookRequestEntity);
  await requests.delete({ status: 'done', claimedAt: LessThan(now - 3600_000) });
  // A request stored while another process deleted its hook belongs to no one: say so, drop it.
  const orphans = await requests
    .createQueryBuilder()
    .delete()
    .where('"webhookId" NOT IN (SELECT "id" FROM "webhooks")')
    .execute();
  if (orphans.affected) log.warn(`dropped ${orphans.affected} queued requests of webhooks deleted meanwhile`);
}
