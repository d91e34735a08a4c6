import http from 'node:http';

/**
 * Keeps `connections` requests in flight against one URL for `seconds` (and at most `limit`
 * requests, so a run stops by itself whatever the rate); counts 2xx answers.
 */
export async function load(
  url: string,
  body: (i: number) => unknown,
  seconds: number,
  connections = 32,
  limit = Infinity,
  /** When given, each request's duration in ms is pushed here (latency percentiles). */
  latencies?: number[],
): Promise<{ ok: number; failed: number; perSecond: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const until = Date.now() + seconds * 1000;
  let ok = 0;
  let failed = 0;
  let i = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const payload = JSON.stringify(body(i++));
      const sent = latencies ? performance.now() : 0;
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (latencies) latencies.push(performance.now() - sent);
            if (res.statusCode! >= 200 && res.statusCode! < 300) ok++;
            else failed++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failed++;
        resolve();
      });
      req.end(payload);
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until && i < limit) await one();
    }),
  );
  agent.destroy();
  return { ok, failed, perSecond: ok / ((Date.now() - started) / 1000) };
}
