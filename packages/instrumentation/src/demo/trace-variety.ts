// Test support: what a set of spans read back from the collector's API covers, in one comparable record.

/** The fields of a span in GET /api/traces/:id that the variety check reads. */
export interface ReadSpan {
  name: string;
  parentSpanId: string;
  status: string;
  spanType: string;
  operation: string;
  provider: string;
  userId: string;
  sessionId: string;
  feature: string;
  promptName: string;
  promptVersion: string;
  metadata: Record<string, string>;
  attributes: Record<string, string>;
}

export interface TraceVariety {
  scenarios: string[];
  features: string[];
  users: number;
  sessions: number;
  /** prompt name → versions seen on LLM spans. */
  promptVersions: Record<string, string[]>;
  providers: string[];
  operations: string[];
  streamedCalls: number;
  failedLlmCalls: number;
  retriedLlmCalls: number;
  fallbackCalls: number;
  guardrailOutcomes: string[];
  cacheHits: number;
  outputValidity: string[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].filter((value) => value !== '').sort();

export function traceVariety(spans: readonly ReadSpan[]): TraceVariety {
  const llm = spans.filter((span) => span.spanType === 'llm' || span.spanType === 'embedding');
  const promptVersions: Record<string, string[]> = {};
  for (const span of llm) {
    if (span.promptName === '') continue;
    promptVersions[span.promptName] = sorted([...(promptVersions[span.promptName] ?? []), span.promptVersion]);
  }
  return {
    scenarios: sorted(spans.filter((span) => span.parentSpanId === '').map((span) => span.name)),
    features: sorted(spans.map((span) => span.feature)),
    users: sorted(spans.map((span) => span.userId)).length,
    sessions: sorted(spans.map((span) => span.sessionId)).length,
    promptVersions,
    providers: sorted(llm.map((span) => span.provider)),
    operations: sorted(spans.map((span) => span.operation)),
    streamedCalls: llm.filter((span) => span.attributes['gen_ai.request.stream'] === 'true').length,
    failedLlmCalls: llm.filter((span) => span.status === 'ERROR').length,
    retriedLlmCalls: llm.filter((span) => Number(span.metadata.retry_attempt ?? 1) > 1).length,
    fallbackCalls: llm.filter((span) => span.metadata.fallback_from !== undefined).length,
    guardrailOutcomes: sorted(spans.map((span) => span.attributes['sightline.guardrail.outcome'] ?? '')),
    cacheHits: spans.filter((span) => span.metadata.cache_hit === 'true').length,
    outputValidity: sorted(spans.map((span) => span.metadata.output_valid ?? '')),
  };
}
