import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

// The Docker files (issue 16): one image for every API and worker, a health check fitting each
// role, only the proxy published, no secret written in the file, no unused volume, non-root.
// `docker compose config` and hadolint check syntax in CI where they install (.ci/run); this
// checks what they cannot: our own rules.

const dir = join(__dirname, '..', 'docker');
const text = (file: string) => readFileSync(join(dir, file), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  pull_policy?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
}
// Compose resolves YAML merge keys (<<), as the file uses them for the worker's environment.
const compose = load(text('compose.yaml'), { schema: CORE_SCHEMA.withTags(mergeTag) }) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;
const named = (prefix: string) => Object.keys(services).filter((n) => n.startsWith(prefix));
const apis = named('api-');
const workers = named('worker-');
const dockerfile = text('Dockerfile');
const WORKER_MAIN = 'dist/apps/worker/apps/worker/src/main.js';

describe('docker/compose.yaml', () => {
  test('every API and worker runs one image, built once; the command picks the role', () => {
    expect(apis.length).toBeGreaterThanOrEqual(2);
    expect(workers.length).toBeGreaterThanOrEqual(2);
    const images = new Set([...apis, ...workers].map((n) => services[n].image));
    expect([...images]).toEqual(['integrator:local']);
    const builders = Object.keys(services).filter((n) => services[n].build);
    expect(builders).toEqual(['api-1']);
    expect(services['api-1'].build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    // The others must never try a registry for an image that only exists here.
    for (const n of [...apis, ...workers].filter((n) => n !== 'api-1'))
      expect([n, services[n].pull_policy]).toEqual([n, 'never']);
    for (const n of apis) expect([n, services[n].command]).toEqual([n, undefined]);
    for (const n of workers) expect(services[n].command).toEqual(['sh', 'scripts/serve.sh', 'worker']);
    // The image's default command is the API, through the script that sizes the heap and execs
    // node (test/e2e/launch.e2e-spec.ts runs it); the script is in the image, and its path for a
    // role is where the build puts that role's main file.
    expect(dockerfile).toContain('CMD ["sh", "scripts/serve.sh", "api"]');
    expect(dockerfile).toMatch(/COPY [^\n]*scripts\/heap\.js scripts\/serve\.sh \.\/scripts\//);
    const serve = readFileSync(join(dir, '..', 'scripts', 'serve.sh'), 'utf8');
    expect(serve).toContain('"dist/apps/$role/apps/$role/src/main.js"');
    expect(WORKER_MAIN).toBe('dist/apps/worker/apps/worker/src/main.js');
  });

  test('each role has a health check that fits it', () => {
    const check = (n: string) => services[n].healthcheck?.test.join(' ') ?? '';
    for (const n of apis) expect(check(n)).toContain('http://127.0.0.1:3000/api/ready');
    for (const n of workers) {
      // A worker's only HTTP server is its metrics port, bound to loopback in its container.
      expect(check(n)).toContain('http://127.0.0.1:9464/metrics');
      expect(services[n].environment?.INTEGRATOR_METRICS_PORT).toBe('9464');
    }
    expect(check('postgres')).toContain('pg_isready');
    expect(check('redis')).toContain('ping');
  });

  test('only the proxy is published', () => {
    const published = Object.keys(services).filter((n) => services[n].ports?.length);
    expect(published).toEqual(['proxy']);
  });

  test('no secret is a literal value: each comes from the environment, required', () => {
    const secret = /PASSWORD|SECRET|TOKEN|_KEY$/;
    const required = /^\$\{[A-Z_]+:\?[^}]+\}$/;
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (secret.test(key))
          expect([name, key, value]).toEqual([name, key, expect.stringMatching(required)]);
        // A URL's password (scheme://user:password@host) is an interpolation too, or there is none.
        const password = /^[a-z]+:\/\/[^:/@]+:(.+)@[^@]+$/.exec(String(value))?.[1];
        if (password) expect([name, key, password]).toEqual([name, key, expect.stringMatching(required)]);
      }
    }
    // PostgreSQL and the URL the processes use take the same variable.
    const pg = services.postgres.environment!.POSTGRES_PASSWORD;
    expect(pg).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    for (const n of [...apis, ...workers])
      expect(services[n].environment!.DATABASE_URL).toContain('${POSTGRES_PASSWORD:?');
  });

  test('every declared volume is used, and the image declares none of its own', () => {
    const used = new Set(
      Object.values(services).flatMap((s) => (s.volumes ?? []).map((v) => v.split(':')[0])),
    );
    for (const volume of Object.keys(compose.volumes ?? {}))
      expect([volume, used.has(volume)]).toEqual([volume, true]);
    // A VOLUME in the image would give every API and worker container an anonymous, unused volume.
    expect(dockerfile).not.toMatch(/^VOLUME/m);
  });
});

describe('docker/Dockerfile and .dockerignore', () => {
  test('the runtime stage runs as a non-root user', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    const user = /^USER (\S+)/m.exec(runtime)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  test('the build context leaves out dependencies, builds, data and git', () => {
    const ignored = readFileSync(join(dir, '..', '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', 'data', '.git']) expect(ignored).toContain(entry);
  });
});
