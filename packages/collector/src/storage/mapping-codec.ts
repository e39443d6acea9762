import { z } from 'zod';
import type { MappingReport } from '../normalise/types.ts';

/**
 * The mapping report as stored: `{"c": conventions, "m": {attribute: "adapter/field"}, "e": errors}`.
 * The raw list is not stored: it is every stored attribute the report does not map, derived on
 * read. This halves the report's share of a row (it is on the ingest hot path).
 */
export function encodeMapping(report: MappingReport): string {
  const cached = recentReports.get(report.mapped.length);
  if (cached !== undefined && sameReport(report, cached)) return cached.text;
  const text = encodeReport(report);
  if (report.mapped.length <= MAX_CACHED_ENTRIES) recentReports.set(report.mapped.length, copyReport(report, text));
  return text;
}

function encodeReport(report: MappingReport): string {
  const mapped: Record<string, string> = {};
  for (const entry of report.mapped) mapped[entry.attribute] = `${entry.adapter}/${entry.field}`;
  return JSON.stringify({ c: report.conventions, m: mapped, e: report.errors });
}

// Spans from one instrumentation mostly produce the same report, span after span. The last report
// of each length is kept with its text; comparing strings is far cheaper than encoding again.
interface EncodedReport {
  conventions: readonly string[];
  mapped: readonly { attribute: string; adapter: string; field: string }[];
  errors: readonly string[];
  text: string;
}

const MAX_CACHED_ENTRIES = 256;
const recentReports = new Map<number, EncodedReport>();

function copyReport(report: MappingReport, text: string): EncodedReport {
  return {
    conventions: [...report.conventions],
    mapped: report.mapped.map(({ attribute, adapter, field }) => ({ attribute, adapter, field })),
    errors: [...report.errors],
    text,
  };
}

function sameStrings(left: readonly string[], right: readonly string[]): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return false;
  return true;
}

function sameReport(report: MappingReport, cached: EncodedReport): boolean {
  if (!sameStrings(report.conventions, cached.conventions) || !sameStrings(report.errors, cached.errors)) return false;
  for (let index = 0; index < report.mapped.length; index++) {
    const entry = report.mapped[index];
    const other = cached.mapped[index];
    if (entry === undefined || other === undefined) return false;
    if (entry.attribute !== other.attribute || entry.field !== other.field || entry.adapter !== other.adapter) {
      return false;
    }
  }
  return true;
}

const StoredMapping = z.object({
  c: z.array(z.string()),
  m: z.record(z.string(), z.string()),
  e: z.array(z.string()),
});

/** Rebuilds the full report; text that does not parse reads as an empty report naming the problem. */
export function decodeMapping(text: string, attributeKeys: readonly string[]): MappingReport {
  let stored: z.infer<typeof StoredMapping>;
  try {
    stored = StoredMapping.parse(JSON.parse(text));
  } catch {
    return {
      conventions: [],
      mapped: [],
      raw: [...attributeKeys],
      errors: text ? ['stored mapping report is unreadable'] : [],
    };
  }
  const mapped = Object.entries(stored.m).map(([attribute, target]) => {
    const separator = target.indexOf('/');
    return { attribute, adapter: target.slice(0, separator), field: target.slice(separator + 1) };
  });
  return {
    conventions: stored.c,
    mapped,
    raw: attributeKeys.filter((key) => !(key in stored.m)),
    errors: stored.e,
  };
}
