import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/**
 * Prometheus metrics on a port of their own, bound to loopback unless told otherwise
 * (INTEGRATOR_METRICS_HOST): what runs and how busy the server is stays off the public port.
 * Resolves once listening; a port in use is reported, not thrown (metrics are not worth a crash).
 */
export function serveMetrics(
  registry: Registry,
  port: number,
  host: string,
  warn: (message: string) => void,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics')
      return void res.writeHead(404).end();
    void registry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text))
      .catch(() => res.writeHead(500).end());
  });
  server.unref();
  return new Promise((resolve) => {
    server.once('error', (err) => {
      warn(`metrics are not served on ${host}:${port}: ${err.message}`);
      resolve(server);
    });
    server.listen(port, host, () => resolve(server));
  });
}
