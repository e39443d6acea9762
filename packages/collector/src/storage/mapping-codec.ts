import { z } from 'zod';
import type { MappingReport } from '../normalise/types.ts';

/**
 * The mapping report as stored: `{"c": conventions, "m": {attribute: "adapter/field"}, "e": errors}`.
 * The raw list is not stored: it is every stored attribute the report does not map, derived on
 * read. This halves the report's share of a row (it is on the ingest hot path).
 */
export function encodeMapping(report: MappingReport): string {
  const mapped: Record<string, string> = {};
  for (const entry of report.mapped) mapped[entry.attribute] = `${entry.adapter}/${entry.field}`;
  return JSON.stringify({ c: report.conventions, m: mapped, e: report.errors });
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
    return { conventions: [], mapped: [], raw: [...attributeKeys], errors: text ? ['stored mapping report is unreadable'] : [] };
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
