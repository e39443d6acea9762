import type { Attributes, Span } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { logger } from '../diagnostics/safely.ts';

// What an LLM span carries beyond its identity (message JSON after redaction, masks and caps, cost
// from the price table, usage, context) can be built on the export path instead of the app's call
// path: the span ends with what the call settled (references to the request's and response's
// data), and Sightline's exporter completes its attributes before anything serialises it. Only
// where Sightline's exporter is the one every span goes through (its own provider): on an app's
// provider, other processors and exporters see the span too, so it is completed before it ends.

/** The fields of the OTel SDK's span (1.x to 3.x) this relies on; other spans are completed at once. */
interface SdkSpanFields {
  attributes?: unknown;
  _spanLimits?: { attributeCountLimit?: number; attributeValueLengthLimit?: number };
  _attributesCount?: unknown;
  [PENDING]?: ((current: Attributes) => Attributes) | undefined;
}

const PENDING = Symbol('sightline.pendingAttributes');

let deferring = false;

/** Whether spans Sightline starts are exported only through its own exporter (init() decides). */
export function deferAttributesToExport(enabled: boolean): void {
  deferring = enabled;
}

/**
 * Whether spans Sightline starts now may take their attributes without setAttribute(): then no
 * sampler or other processor looks at them (Sightline's provider, the OTel samplers it builds), so
 * an LLM span starts without attributes and gets them from assignStartAttributes().
 */
export function deferringAttributes(): boolean {
  return deferring;
}

function isPlainObject(value: unknown): value is Attributes {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Whether attributes added without setAttribute() come out as setAttribute() would have left them:
 * no value length limit (it would cut values), and room for `added` more under the count limit.
 */
function limitsAllow(limits: SdkSpanFields['_spanLimits'], current: number, added: number): boolean {
  if (limits === undefined || limits === null || typeof limits !== 'object') return false;
  const length = limits.attributeValueLengthLimit;
  // Undefined, Infinity or not positive: every SDK version leaves values whole.
  const lengthUnlimited = length === undefined || length === Number.POSITIVE_INFINITY || !(length > 0);
  const count = limits.attributeCountLimit;
  return lengthUnlimited && (count === undefined || current + added <= count);
}

/** How many attributes the span holds (the SDK keeps the count; older versions may not). */
function attributeCount(fields: SdkSpanFields, current: Attributes): number {
  return typeof fields._attributesCount === 'number' ? fields._attributesCount : Object.keys(current).length;
}

/**
 * Makes `attributes` (a new object, handed over) the attributes of a span just started without
 * any, as setAttributes() would have left them, and returns true; returns false, and the caller
 * sets them through the span, when spans are not exported only through Sightline, when the span
 * is not the OTel SDK's, or when its limits would treat them differently. `count` is how many
 * `attributes` holds (all valid, none undefined), `maxAdded` how many the span may get later.
 * Skips the SDK's per-attribute validation and copies, a good part of starting a span.
 */
export function assignStartAttributes(span: Span, attributes: Attributes, count: number, maxAdded: number): boolean {
  if (!deferring) return false;
  const fields = span as unknown as SdkSpanFields;
  const current = fields.attributes;
  if (
    !isPlainObject(current) ||
    fields._attributesCount !== 0 ||
    !limitsAllow(fields._spanLimits, 0, count + maxAdded)
  ) {
    return false;
  }
  fields.attributes = attributes;
  fields._attributesCount = count;
  return true;
}

/**
 * Leaves `complete(attributes)` to be made the span's attributes when Sightline's exporter takes
 * it (completeDeferredAttributes), and returns true; returns false, and the caller sets them now,
 * when spans are not exported only through Sightline, when the span is not the OTel SDK's, or when
 * its limits would treat them differently. `maxAdded` bounds how many attributes `complete` adds.
 * Call before span.end().
 */
export function deferAttributes(span: Span, maxAdded: number, complete: (current: Attributes) => Attributes): boolean {
  if (!deferring) return false;
  const fields = span as unknown as SdkSpanFields;
  const current = fields.attributes;
  if (!isPlainObject(current) || !limitsAllow(fields._spanLimits, attributeCount(fields, current), maxAdded)) {
    return false;
  }
  fields[PENDING] = complete;
  return true;
}

/** Completes a span's deferred attributes (once); a failure is logged and the span keeps what it has. */
export function completeDeferredAttributes(span: ReadableSpan): void {
  const fields = span as unknown as SdkSpanFields;
  const complete = fields[PENDING];
  if (complete === undefined) return;
  fields[PENDING] = undefined;
  try {
    const attributes = complete(fields.attributes as Attributes);
    fields.attributes = attributes;
    if (typeof fields._attributesCount === 'number') fields._attributesCount = Object.keys(attributes).length;
  } catch (error) {
    logger.warn('completing the attributes of an LLM span failed; it is exported without them', error);
  }
}
