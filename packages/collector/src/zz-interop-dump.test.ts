import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { createTestApp } from './test-support/test-collector.ts';

const DIR = new URL('./normalise/__fixtures__/interop/', import.meta.url);

it('dumps', async () => {
  const { app } = await createTestApp();
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const out: Record<string, unknown> = {};
  const traceIds = new Map<string, Set<string>>();
  for (const file of files) {
    const fixture = JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));
    const path = fixture.signal === 'logs' ? '/v1/logs' : '/v1/traces';
    const response = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fixture.body),
    });
    const answer = await response.text();
    const scenario = file.replace(/-logs\.json$/, '.json');
    const ids = traceIds.get(scenario) ?? new Set();
    if (fixture.signal === 'traces')
      for (const rs of fixture.body.resourceSpans)
        for (const ss of rs.scopeSpans) for (const s of ss.spans) ids.add(s.traceId);
    traceIds.set(scenario, ids);
    out[file] = { status: response.status, answer };
  }
  for (const [scenario, ids] of traceIds) {
    for (const id of ids) {
      const r = await app.request(`/api/traces/${id}`);
      const body = (await r.json()) as any;
      out[`${scenario}#${id}`] = {
        trace: body.trace,
        spans: body.spans?.map((s: any) => {
          const { attributes, resourceAttributes, events, links, mapping, ...rest } = s;
          return { ...rest, raw: mapping.raw, errors: mapping.errors, conventions: mapping.conventions };
        }),
      };
    }
  }
  writeFileSync('/tmp/scratch/dump.json', JSON.stringify(out, null, 1));
}, 60000);
