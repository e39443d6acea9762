import { z } from 'zod';

const DAY_MS = 24 * 60 * 60 * 1000;
const hex = (length: number) =>
  z
    .string()
    .regex(new RegExp(`^[0-9a-fA-F]{${length}}$`), `must be ${length} hexadecimal characters`)
    .transform((value) => value.toLowerCase());

export const traceIdSchema = hex(32);
export const spanIdSchema = hex(16);

/** ISO 8601 date-time or milliseconds since the epoch. */
const instant = z
  .union([z.iso.datetime({ offset: true }), z.string().regex(/^\d{10,16}$/)])
  .transform((value) => (/^\d+$/.test(value) ? new Date(Number(value)) : new Date(value)));

export const traceListQuerySchema = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(512).optional(),
    service: z.string().max(256).optional(),
    environment: z.string().max(256).optional(),
    model: z.string().max(256).optional(),
    provider: z.string().max(256).optional(),
    userId: z.string().max(256).optional(),
    sessionId: z.string().max(256).optional(),
    promptName: z.string().max(256).optional(),
    promptVersion: z.string().max(256).optional(),
    status: z.enum(['ok', 'error']).optional(),
    minCostUsd: z.coerce.number().min(0).optional(),
    minDurationMs: z.coerce.number().min(0).optional(),
    search: z.string().min(1).max(500).optional(),
  })
  .strict()
  .transform((query) => {
    const to = query.to ?? new Date();
    const from = query.from ?? new Date(to.getTime() - DAY_MS);
    return { ...query, from, to };
  })
  .refine((query) => query.from.getTime() <= query.to.getTime(), { message: '"from" must not be after "to"' });

export type TraceListQueryParams = z.output<typeof traceListQuerySchema>;

export const scoreRequestSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional()
      .describe('Send the same id again to replace a score (e.g. a changed thumbs up/down)'),
    traceId: traceIdSchema,
    spanId: spanIdSchema.optional(),
    sessionId: z.string().max(256).optional(),
    name: z.string().min(1).max(200),
    value: z.union([z.number().finite(), z.boolean(), z.string().min(1).max(500)]),
    dataType: z.enum(['numeric', 'boolean', 'categorical']).optional(),
    source: z.enum(['api', 'annotation', 'eval']).default('api'),
    comment: z.string().max(10_000).optional(),
    evaluatorId: z.string().max(256).optional(),
    timestamp: instant.optional(),
  })
  .strict()
  .superRefine((score, context) => {
    const implied =
      typeof score.value === 'number' ? 'numeric' : typeof score.value === 'boolean' ? 'boolean' : 'categorical';
    if (score.dataType && score.dataType !== implied) {
      context.addIssue({
        code: 'custom',
        path: ['dataType'],
        message: `value of type ${implied} does not match dataType ${score.dataType}`,
      });
    }
  });

export type ScoreRequest = z.output<typeof scoreRequestSchema>;

/** First issue of a zod error, as "path: message". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}
