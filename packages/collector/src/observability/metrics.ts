import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface IngestQueueStats {
  /** Rows waiting for or inside the current insert. */
  queuedRows(): number;
}

/** Prometheus metrics of one collector instance (own registry, so tests and apps never share state). */
export class CollectorMetrics {
  readonly registry = new Registry();
  readonly spansReceived = new Counter({
    name: 'sightline_spans_received_total',
    help: 'Spans received in OTLP trace requests',
    registers: [this.registry],
  });
  readonly spansStored = new Counter({
    name: 'sightline_spans_stored_total',
    help: 'Spans stored and acknowledged',
    registers: [this.registry],
  });
  readonly spansRejected = new Counter({
    name: 'sightline_spans_rejected_total',
    help: 'Spans rejected, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly logRecordsReceived = new Counter({
    name: 'sightline_log_records_received_total',
    help: 'Log records received in OTLP log requests',
    registers: [this.registry],
  });
  readonly requests = new Counter({
    name: 'sightline_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  readonly insertSeconds = new Histogram({
    name: 'sightline_insert_duration_seconds',
    help: 'Duration of storage inserts (one per group commit)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly insertBatchRows = new Histogram({
    name: 'sightline_insert_batch_rows',
    help: 'Rows per storage insert (group commit batch size)',
    buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10000, 20000, 50000],
    registers: [this.registry],
  });
  readonly ingestSeconds = new Histogram({
    name: 'sightline_ingest_request_duration_seconds',
    help: 'Time from request start to acknowledgement, for OTLP requests',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(queue?: IngestQueueStats, options: { processMetrics?: boolean } = {}) {
    new Gauge({
      name: 'sightline_ingest_queue_rows',
      help: 'Rows queued for storage (group commit queue depth)',
      registers: [this.registry],
      collect() {
        this.set(queue?.queuedRows() ?? 0);
      },
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'sightline_' });
  }

  async render(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
