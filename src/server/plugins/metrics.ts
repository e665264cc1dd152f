import type { FastifyInstance } from 'fastify';

/*
 * Prometheus metrics without a client library: request counts and a latency histogram by route
 * pattern, method and status (patterns, never raw URLs, so ids do not become labels).
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  labels: string;
  count: number;
  sum: number;
  buckets: number[];
}

export class Metrics {
  private readonly series = new Map<string, Series>();
  private readonly started = Date.now();

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = `method="${method}",route="${escape(route)}",status="${status}"`;
    let s = this.series.get(labels);
    if (!s) this.series.set(labels, (s = { labels, count: 0, sum: 0, buckets: new Array<number>(BUCKETS.length).fill(0) }));
    s.count++;
    s.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) s.buckets[i]!++;
  }

  render(extra: Record<string, number> = {}): string {
    const out: string[] = [
      '# HELP secure5g_http_requests_total HTTP requests by route pattern, method and status.',
      '# TYPE secure5g_http_requests_total counter',
    ];
    for (const s of this.series.values()) out.push(`secure5g_http_requests_total{${s.labels}} ${s.count}`);
    out.push('# HELP secure5g_http_request_duration_seconds Time to answer, by route pattern, method and status.');
    out.push('# TYPE secure5g_http_request_duration_seconds histogram');
    for (const s of this.series.values()) {
      BUCKETS.forEach((b, i) => out.push(`secure5g_http_request_duration_seconds_bucket{${s.labels},le="${b}"} ${s.buckets[i]}`));
      out.push(`secure5g_http_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`);
      out.push(`secure5g_http_request_duration_seconds_sum{${s.labels}} ${s.sum}`);
      out.push(`secure5g_http_request_duration_seconds_count{${s.labels}} ${s.count}`);
    }
    out.push('# HELP secure5g_uptime_seconds Seconds since the server started.', '# TYPE secure5g_uptime_seconds gauge');
    out.push(`secure5g_uptime_seconds ${(Date.now() - this.started) / 1000}`);
    for (const [name, value] of Object.entries(extra)) out.push(`# TYPE ${name} gauge`, `${name} ${value}`);
    return `${out.join('\n')}\n`;
  }
}

const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function metricsPlugin(app: FastifyInstance, metrics: Metrics, gauges: () => Record<string, number>): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render(gauges())),
  );
}
