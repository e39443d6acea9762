import type { z } from 'zod';
import { allows, type Principal } from '../auth/api-keys.ts';
import { badRequest, forbidden } from '../http/http-error.ts';
import { describeZodError } from './request-schemas.ts';

export type ViewEnv = { Variables: { principal: Principal } };

export function requireRead(principal: Principal): void {
  if (!allows(principal, 'read')) throw forbidden('this API key may only ingest data; use a key with read scope');
}

/** Parses input with a schema, or fails with 400 naming the first problems. */
export function parseOrReject<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest(`invalid ${what}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/** Drops undefined values, for exactOptionalPropertyTypes objects built from parsed queries. */
export function definedOnly<T extends object>(value: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
