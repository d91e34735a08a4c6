import { createApp } from './app.factory';
import { loadConfig } from './config/app-config';
import { Metrics } from './observability/metrics';
import { serveMetrics } from './observability/metrics-server';

async function bootstrap() {
  const config = loadConfig();
  for (const warning of config.warnings ?? []) console.warn(warning);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  if (config.metricsPort)
    await serveMetrics(
      app.get(Metrics).registry,
      config.metricsPort,
      config.metricsHost ?? '127.0.0.1',
      (m) => console.warn(m),
    );
  console.log(`Integrator listening on http://localhost:${config.port}`);
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
