// Prices calls from the price table bundled in @pydantic/genai-prices. Only the bundled data is used:
// its updatePrices() network refresh is never called, so air-gapped installs price the same way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as GenaiPrices from '@pydantic/genai-prices';
import type { ModelInfo } from '@pydantic/genai-prices';
import type { Cost } from '../canonical.ts';
import { BoundedMemo } from './bounded-memo.ts';
import { priceSheetAt, ratesFromSheet } from './genai-prices-rates.ts';
import { routeProvider } from './provider-aliases.ts';
import { sanitiseUsage, tokenCost } from './token-cost.ts';
import type { PriceRequest, Pricer } from './types.ts';

const PACKAGE_NAME = '@pydantic/genai-prices';

let genaiPrices: typeof GenaiPrices | undefined;

/**
 * The genai-prices functions, loaded on first use: importing its bundled table costs ~40-250 ms,
 * which every importer of @sightline/core (the instrumentation at app start-up included) would
 * otherwise pay even when it never prices a call. Its CommonJS build loads synchronously, so
 * pricing stays synchronous.
 */
function table(): typeof GenaiPrices {
  genaiPrices ??= createRequire(import.meta.url)(PACKAGE_NAME) as typeof GenaiPrices;
  return genaiPrices;
}

/** Where a (provider, model) pair landed in the table. */
export interface TableMatch {
  /** genai-prices provider id (`openai`, `aws`, `google`, ...). */
  providerId: string;
  model: ModelInfo;
}

/** The installed genai-prices version, read from its package.json so that bumping the package updates it. */
function installedPackageVersion(): string {
  try {
    let directory = dirname(createRequire(import.meta.url).resolve(PACKAGE_NAME));
    for (let depth = 0; depth < 4; depth++) {
      try {
        const manifest: unknown = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
        if (typeof manifest === 'object' && manifest !== null && 'name' in manifest && manifest.name === PACKAGE_NAME) {
          return 'version' in manifest && typeof manifest.version === 'string' ? manifest.version : 'unknown';
        }
      } catch {
        // No manifest at this level: keep walking up.
      }
      directory = dirname(directory);
    }
  } catch {
    // Not resolvable (bundled into something else): fall through.
  }
  return 'unknown';
}

/**
 * Version of the price table, e.g. `genai-prices@0.1.8`. The bundled data carries no timestamp of
 * its own (genai-prices only reports one for data fetched by updatePrices, which we never call).
 */
export function genaiPricesVersion(): string {
  return `genai-prices@${installedPackageVersion()}`;
}

function isTableProviderId(id: string): boolean {
  return table().findProvider({ providerId: id })?.id === id;
}

function findInTable(providerId: string | undefined, model: string): TableMatch | undefined {
  if (model === '') return undefined;
  try {
    // Empty usage: this call only resolves the provider and model (with genai-prices' own matching,
    // including its date-suffix normalisation); the arithmetic happens in tokenCost.
    const result = table().calcPrice({}, model, providerId === undefined ? {} : { providerId });
    return result ? { providerId: result.provider.id, model: result.model } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds the table entry for a call. Tries the mapped provider with the model as given, then without a
 * `vendor/` or `models/` prefix; then the provider named by such a prefix (`openai/gpt-4o`); then
 * matching by model name across the whole table (unknown or empty provider, or an OpenAI-compatible
 * client pointed at another vendor). Self-hosted runtimes are never priced from the table.
 */
export function lookupTableModel(provider: string, model: string): TableMatch | undefined {
  const route = routeProvider(provider, isTableProviderId);
  if (route.kind === 'never') return undefined;
  const trimmed = model.trim();
  const slash = trimmed.indexOf('/');
  const withoutPrefix = slash === -1 ? undefined : trimmed.slice(trimmed.lastIndexOf('/') + 1);
  const attempts: Array<[providerId: string | undefined, model: string]> = [];
  if (route.kind === 'table') {
    attempts.push([route.providerId, trimmed]);
    if (withoutPrefix) attempts.push([route.providerId, withoutPrefix]);
  }
  if (withoutPrefix) {
    const prefixRoute = routeProvider(trimmed.slice(0, slash), isTableProviderId);
    if (prefixRoute.kind === 'table') attempts.push([prefixRoute.providerId, withoutPrefix]);
  }
  attempts.push([undefined, trimmed]);
  if (withoutPrefix) attempts.push([undefined, withoutPrefix]);
  for (const [providerId, modelId] of attempts) {
    const match = findInTable(providerId, modelId);
    if (match) return match;
  }
  return undefined;
}

export function unpriced(priceVersion: string): Cost {
  return { costUsd: null, costSource: 'none', costDetails: {}, priceVersion };
}

/** A Pricer over the bundled genai-prices table. Lookups are memoised per (provider, model). */
export function createGenaiPricesPricer(): Pricer {
  const version = genaiPricesVersion();
  const matches = new BoundedMemo<TableMatch | null>();
  return {
    version,
    price(request: PriceRequest): Cost {
      const match = matches.get(
        `${request.provider}\u0000${request.model}`,
        () => lookupTableModel(request.provider, request.model) ?? null,
      );
      if (!match) return unpriced(version);
      const usage = sanitiseUsage(request.usage);
      const rates = ratesFromSheet(priceSheetAt(match.model, request.at), usage.inputTokens);
      if (!rates) return unpriced(version);
      const { costUsd, costDetails } = tokenCost(usage, rates);
      return { costUsd, costSource: 'calculated', costDetails, priceVersion: version };
    },
  };
}
