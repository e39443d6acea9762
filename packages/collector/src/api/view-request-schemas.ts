import { z } from 'zod';
import { BREAKDOWN_DIMENSIONS, TRACE_SORT_KEYS } from '../storage/ui-view-types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_RANGE_MS = 400 * DAY_MS;

/** ISO 8601 date-time or milliseconds since the epoch (as the trace list accepts). */
const instant = z
  .union([z.iso.datetime({ offset: true }), z.string().regex(/^\d{10,16}$/)])
  .transform((value) => (/^\d+$/.test(value) ? new Date(Number(value)) : new Date(value)));
const text = z.string().min(1).max(256);
const amount = z.coerce.number().finite();

/** A time window: default the last 24 hours, at most 400 days (the rollups' retention). */
const windowFields = { from: instant.optional(), to: instant.optional() };

function withWindow<T extends { from?: Date | undefined; to?: Date | undefined }>(query: T) {
  const to = query.to ?? new Date();
  const from = query.from ?? new Date(to.getTime() - DAY_MS);
  return { ...query, from, to };
}

const windowIsValid = (query: { from: Date; to: Date }) => query.from.getTime() <= query.to.getTime();
const windowIsBounded = (query: { from: Date; to: Date }) => query.to.getTime() - query.from.getTime() <= MAX_RANGE_MS;
const WINDOW_ORDER = { message: '"from" must not be after "to"' };
const WINDOW_LENGTH = { message: 'the window may span at most 400 days' };

export const timeWindowSchema = z
  .object(windowFields)
  .strict()
  .transform(withWindow)
  .refine(windowIsValid, WINDOW_ORDER)
  .refine(windowIsBounded, WINDOW_LENGTH);

export const listWindowSchema = z
  .object({ ...windowFields, limit: z.coerce.number().int().min(1).max(200).default(100) })
  .strict()
  .transform(withWindow)
  .refine(windowIsValid, WINDOW_ORDER)
  .refine(windowIsBounded, WINDOW_LENGTH);

const rollupFilterFields = {
  environment: text.optional(),
  service: text.optional(),
  provider: text.optional(),
  model: text.optional(),
  promptName: text.optional(),
  promptVersion: text.optional(),
  feature: text.optional(),
};

export const dashboardQuerySchema = z
  .object({ ...windowFields, ...rollupFilterFields, breakdown: z.enum(BREAKDOWN_DIMENSIONS).default('none') })
  .strict()
  .transform(withWindow)
  .refine(windowIsValid, WINDOW_ORDER)
  .refine(windowIsBounded, WINDOW_LENGTH);

export const traceSearchQuerySchema = z
  .object({
    ...windowFields,
    ...rollupFilterFields,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(512).optional(),
    sort: z.enum(TRACE_SORT_KEYS).default('startTime'),
    order: z.enum(['asc', 'desc']).default('desc'),
    userId: text.optional(),
    sessionId: text.optional(),
    status: z.enum(['ok', 'error']).optional(),
    minCostUsd: amount.min(0).optional(),
    maxCostUsd: amount.min(0).optional(),
    minDurationMs: amount.min(0).optional(),
    maxDurationMs: amount.min(0).optional(),
    scoreName: z.string().min(1).max(200).optional(),
    minScore: amount.optional(),
    maxScore: amount.optional(),
    search: z.string().min(1).max(500).optional(),
    /** Live updates: only traces whose root was stored at or after this instant. */
    arrivedAfter: instant.optional(),
  })
  .strict()
  .transform(withWindow)
  .refine(windowIsValid, WINDOW_ORDER)
  .refine(windowIsBounded, WINDOW_LENGTH)
  .refine((query) => (query.minScore === undefined && query.maxScore === undefined) || query.scoreName !== undefined, {
    message: 'minScore and maxScore need scoreName',
  });

/** A path segment naming a user, session or prompt (URL-decoded by the router). */
export const nameSegmentSchema = z.string().min(1).max(256);
