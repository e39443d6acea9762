// Reads one genai-prices model entry: picks the price sheet in force at a time (historic prices,
// time-of-day discounts) and the tier for a request's input size. Mirrors genai-prices' own rules,
// which the tests cross-check against its calcPrice for every bundled model.
import type { ModelInfo, ModelPrice } from '@pydantic/genai-prices';
import type { TokenRates } from './token-cost.ts';

const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;
const SECONDS_PER_DAY = 86_400;

/** Seconds since midnight UTC for a `HH:MM:SS[.fff](Z|±HH:MM)` time, or undefined when malformed. */
function secondsOfDayUtc(text: string): number | undefined {
  const parts = TIME_OF_DAY.exec(text);
  if (!parts) return undefined;
  const [, hours = '', minutes = '', seconds = '', fraction = '', zone, sign, offsetHours = '0', offsetMinutes = '0'] =
    parts;
  const local = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(`0.${fraction || '0'}`);
  const offset = zone === 'Z' ? 0 : (sign === '+' ? 1 : -1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60;
  return (local - offset + SECONDS_PER_DAY) % SECONDS_PER_DAY;
}

function isWithinTimeOfDay(at: Date, startTime: string, endTime: string): boolean {
  const start = secondsOfDayUtc(startTime);
  const end = secondsOfDayUtc(endTime);
  if (start === undefined || end === undefined) return false;
  const now = at.getUTCHours() * 3600 + at.getUTCMinutes() * 60 + at.getUTCSeconds() + at.getUTCMilliseconds() / 1000;
  // A window whose end is before its start wraps past midnight.
  return end < start ? now >= start || now < end : now >= start && now < end;
}

/** The price sheet in force at `at`: the last entry whose constraint holds, else the first. */
export function priceSheetAt(model: ModelInfo, at: Date): ModelPrice {
  if (!Array.isArray(model.prices)) return model.prices;
  const first = model.prices[0];
  if (!first) return {};
  // An invalid date prices as of now rather than failing the call.
  const when = Number.isNaN(at.getTime()) ? new Date() : at;
  for (let index = model.prices.length - 1; index >= 0; index--) {
    const entry = model.prices[index];
    if (!entry) continue;
    const constraint = entry.constraint;
    if (constraint === undefined) return entry.prices;
    if (constraint.type === 'start_date' && when >= new Date(constraint.start_date)) return entry.prices;
    if (constraint.type === 'time_of_date' && isWithinTimeOfDay(when, constraint.start_time, constraint.end_time)) {
      return entry.prices;
    }
  }
  return first.prices;
}

/** A flat price, or the tier whose start the request's total input tokens exceed (highest such tier). */
function rateFor(value: ModelPrice[string], inputTokens: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  let rate = value.base;
  let bestStart = Number.NEGATIVE_INFINITY;
  for (const tier of value.tiers) {
    if (inputTokens > tier.start && tier.start > bestStart) {
      rate = tier.price;
      bestStart = tier.start;
    }
  }
  return rate;
}

/**
 * Token rates from a price sheet, or undefined when the sheet has no token prices at all (models
 * priced per audio hour, page or image cannot be priced from token usage: answering 0 would be a silent $0).
 */
export function ratesFromSheet(sheet: ModelPrice, inputTokens: number): TokenRates | undefined {
  const inputMtok = rateFor(sheet.input_mtok, inputTokens);
  const outputMtok = rateFor(sheet.output_mtok, inputTokens);
  if (inputMtok === undefined && outputMtok === undefined) return undefined;
  const requestsPerThousand = rateFor(sheet.requests_kcount, inputTokens);
  return {
    inputMtok: inputMtok ?? 0,
    outputMtok: outputMtok ?? 0,
    cacheReadMtok: rateFor(sheet.cache_read_mtok, inputTokens),
    cacheWriteMtok: rateFor(sheet.cache_write_mtok, inputTokens),
    reasoningMtok: rateFor(sheet.output_reasoning_mtok, inputTokens),
    requestUsd: requestsPerThousand === undefined ? undefined : requestsPerThousand / 1000,
  };
}
