import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../api/src/app.module';
import { loadConfig } from '../../api/src/config/app-config';
import { createPino, PinoNestLogger } from '../../api/src/observability/logger';
import { Metrics } from '../../api/src/observability/metrics';
import { serveMetrics } from '../../api/src/observability/metrics-server';
import { stopGracefullyOnSignals } from '../../api/src/lifecycle';

/**
 * The worker process of distributed mode: the same application module without the web server,
 * consuming the execution queue. The API processes accept, store and enqueue; workers run.
 */
async function bootstrap() {
  // No HTTP server here, so nobody follows runs in this process: it publishes run events, it
  // does not receive them (each would be delivered, parsed and kept for nothing).
  const config = { ...loadConfig(), runWorkers: true, schedulerIntervalMs: 0, followRunEvents: false };
  for (const warning of config.warnings ?? []) console.warn(warning);
  if (!config.databaseUrl || !config.redisUrl) {
    throw new Error('the worker is for distributed mode: set DATABASE_URL (PostgreSQL) and REDIS_URL');
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
    logger: new PinoNestLogger(createPino()),
    abortOnError: false,
  });
  stopGracefullyOnSignals(app);
  if (config.metricsPort) {
    // Prometheus scrapes workers here; they have no other HTTP server.
    await serveMetrics(
      app.get(Metrics).registry,
      config.metricsPort,
      config.metricsHost ?? '127.0.0.1',
      (m) => console.warn(m),
    );
  }
  console.log(`Integrator worker started (concurrency ${config.concurrency})`);
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
