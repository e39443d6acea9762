// LLM spans created when they end, off the app's call path. Used only where Sightline's own provider
// takes every span (owned mode, batched export): its sampler is a built-in one, which decides the
// same way twice for the same parent and trace id, and its one processor does nothing at a span's
// start for Sightline's spans. On the call path the span's identity is settled as the provider's
// tracer would settle it (ids, sampling decision, trace state) and made the active span context, so
// spans started inside the call (HTTP clients) get it as their parent; the SDK span is created with
// that identity, the call's start time and its parent when the call ends (end-queue.ts).

import { randomFillSync } from 'node:crypto';
import {
  type Context,
  SamplingDecision,
  type Span,
  type SpanContext,
  SpanKind,
  TraceFlags,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { IdGenerator, Sampler } from '@opentelemetry/sdk-trace';

const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let poolOffset = POOL_BYTES;

/**
 * Random lowercase hex of `bytes` bytes, never all zeros (an invalid id), from a crypto-random pool
 * filled once per 512 span ids. Each id is its own flat string (toString of the pool's bytes): a
 * substring of one long hex string would keep that whole string alive for as long as the app keeps
 * the id.
 */
function randomHexId(bytes: number): string {
  if (poolOffset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const start = poolOffset;
  poolOffset += bytes;
  for (let index = start; index < poolOffset; index += 1) {
    if (pool[index] !== 0) return pool.toString('hex', start, poolOffset);
  }
  return randomHexId(bytes);
}

/** The owned provider's ids: random, except those pinned for the span a late start creates. */
class PinnableIdGenerator implements IdGenerator {
  #traceId: string | undefined;
  #spanId: string | undefined;

  generateTraceId(): string {
    const pinned = this.#traceId;
    this.#traceId = undefined;
    return pinned ?? randomHexId(16);
  }

  generateSpanId(): string {
    const pinned = this.#spanId;
    this.#spanId = undefined;
    return pinned ?? randomHexId(8);
  }

  pin(traceId: string, spanId: string): void {
    this.#traceId = traceId;
    this.#spanId = spanId;
  }

  unpin(): void {
    this.#traceId = undefined;
    this.#spanId = undefined;
  }
}

export const ownedIdGenerator = new PinnableIdGenerator();

let lateSampler: Sampler | undefined;
let recordsRootsAndSampled = false;

/**
 * Turns late starts on with the owned provider's sampler, or off (undefined). `recordsRootsAndSampled`:
 * the sampler records every root span and every span under a sampled parent.
 */
export function startSpansLate(sampler: Sampler | undefined, samplerRecordsRootsAndSampled = false): void {
  lateSampler = sampler;
  recordsRootsAndSampled = sampler !== undefined && samplerRecordsRootsAndSampled;
}

/**
 * Whether a span under `parent` may be sampled out, so that its call should settle its identity
 * before doing end-of-call work for it (a span whose identity was not settled at its start).
 */
export function lateSamplingMayDrop(parent: Context): boolean {
  if (!recordsRootsAndSampled) return true;
  const parentSpanContext = trace.getSpanContext(parent);
  return (
    parentSpanContext !== undefined &&
    trace.isSpanContextValid(parentSpanContext) &&
    (parentSpanContext.traceFlags & TraceFlags.SAMPLED) === 0
  );
}

export function startingSpansLate(): boolean {
  return lateSampler !== undefined;
}

/** A span's identity, settled when its call starts. */
export interface LateSpanIdentity {
  spanContext: SpanContext;
  /** The sampler's decision was to record the span. */
  recording: boolean;
}

/**
 * The identity the tracer would give a client span named `name` under `parent` (where spans are
 * started late and tracing is not suppressed: there the tracer returns a no-op span).
 */
export function lateSpanIdentity(parent: Context, name: string): LateSpanIdentity {
  const sampler = lateSampler;
  if (sampler === undefined) throw new Error('spans are not started late');
  const parentSpanContext = trace.getSpanContext(parent);
  const validParent = parentSpanContext !== undefined && trace.isSpanContextValid(parentSpanContext);
  const traceId = validParent ? parentSpanContext.traceId : ownedIdGenerator.generateTraceId();
  const spanId = ownedIdGenerator.generateSpanId();
  const sampling = sampler.shouldSample(parent, traceId, name, SpanKind.CLIENT, {}, []);
  const traceState = sampling.traceState ?? (validParent ? parentSpanContext.traceState : undefined);
  const spanContext: SpanContext = {
    traceId,
    spanId,
    traceFlags: sampling.decision === SamplingDecision.RECORD_AND_SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE,
  };
  if (traceState !== undefined) spanContext.traceState = traceState;
  return { spanContext, recording: sampling.decision !== SamplingDecision.NOT_RECORD };
}

/**
 * Creates the SDK span with the call's start time (performance.now()), and the identity settled at
 * that start when there is one (else the tracer settles it now, as it would have then).
 */
export function startLateSpan(
  tracer: Tracer,
  name: string,
  parent: Context,
  identity: LateSpanIdentity | undefined,
  startTime: number,
): Span {
  if (identity === undefined) return tracer.startSpan(name, { kind: SpanKind.CLIENT, startTime }, parent);
  ownedIdGenerator.pin(identity.spanContext.traceId, identity.spanContext.spanId);
  try {
    return tracer.startSpan(name, { kind: SpanKind.CLIENT, startTime }, parent);
  } finally {
    // With a valid parent the tracer takes its trace id and leaves the pinned one unused.
    ownedIdGenerator.unpin();
  }
}
