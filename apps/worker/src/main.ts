import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../api/src/app.module';
import { loadConfig } from '../../api/src/config/app-config';

/**
 * The worker process of distributed mode: the same application module without HTTP, consuming
 * the execution queue. The API processes accept, store and enqueue; workers run.
 */
async function bootstrap() {
  const config = { ...loadConfig(), runWorkers: true, schedulerIntervalMs: 0 };
  if (!config.databaseUrl || !config.redisUrl) {
    throw new Error('the worker is for distributed mode: set DATABASE_URL (PostgreSQL) and REDIS_URL');
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  console.log(`Integrator worker started (concurrency ${config.concurrency})`);
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
