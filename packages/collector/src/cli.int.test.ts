import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unusedLoopbackPort } from './test-support/free-port.ts';

const CLI = join(import.meta.dirname, 'cli.ts');
const dataDirs: string[] = [];

function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, 'start', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  // 'close' (not 'exit') so that all output has been read when the promise settles.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitForHealth(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`collector at ${url} did not become healthy`);
}

function newDataDir(): string {
  const directory = mkdtempSync(join(tmpdir(), 'sightline-cli-test-'));
  dataDirs.push(directory);
  return directory;
}

afterAll(() => {
  for (const directory of dataDirs) rmSync(directory, { recursive: true, force: true });
});

async function exportChatSpan(exporter: SpanExporter, userId: string): Promise<string> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'cli-e2e' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('e2e');
  const span = tracer.startSpan('chat gpt-4o', {}, context.active());
  span.setAttributes({
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.usage.input_tokens': 100,
    'gen_ai.usage.output_tokens': 20,
    'user.id': userId,
  });
  span.end();
  await provider.forceFlush();
  await provider.shutdown();
  return trace.wrapSpanContext(span.spanContext()).spanContext().traceId;
}

describe('sightline start', () => {
  let url = '';
  let running: ReturnType<typeof startCli>;

  beforeAll(async () => {
    const port = await unusedLoopbackPort();
    url = `http://127.0.0.1:${port}`;
    running = startCli(['--port', String(port), '--data-dir', newDataDir()]);
    await waitForHealth(url);
  });

  afterAll(async () => {
    running.child.kill('SIGTERM');
    await running.exited;
  });

  it('receives spans from the real OTel SDK exporters (protobuf and JSON) and serves them', async () => {
    const protoTrace = await exportChatSpan(new OtlpProtoExporter({ url: `${url}/v1/traces` }), 'proto-user');
    const jsonTrace = await exportChatSpan(new OtlpJsonExporter({ url: `${url}/v1/traces` }), 'json-user');
    for (const [traceId, userId] of [
      [protoTrace, 'proto-user'],
      [jsonTrace, 'json-user'],
    ] as const) {
      const detail = (await (await fetch(`${url}/api/traces/${traceId}`)).json()) as {
        trace: { userId: string; inputTokens: number; costUsd: number };
      };
      expect(detail.trace).toMatchObject({ userId, inputTokens: 100 });
      expect(detail.trace.costUsd).toBeGreaterThan(0);
    }
    expect(running.output()).toContain('no API keys configured');
  });

  it('stops cleanly on SIGTERM', async () => {
    const port = await unusedLoopbackPort();
    const other = startCli(['--port', String(port), '--data-dir', newDataDir()]);
    await waitForHealth(`http://127.0.0.1:${port}`);
    other.child.kill('SIGTERM');
    expect(await other.exited).toBe(0);
    expect(other.output()).toContain('"msg":"stopped"');
  });
});

describe('sightline start refuses unsafe or invalid configurations', () => {
  it('refuses a non-loopback address without API keys', async () => {
    const refused = startCli([
      '--host',
      '0.0.0.0',
      '--port',
      String(await unusedLoopbackPort()),
      '--data-dir',
      newDataDir(),
    ]);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/refusing to listen on 0\.0\.0\.0 without API keys/);
  });

  it('refuses a ClickHouse server older than the minimum, naming both versions', async () => {
    const legacyUrl = process.env.SIGHTLINE_LEGACY_CLICKHOUSE_URL;
    expect(legacyUrl, 'the vitest global setup starts Debian clickhouse-server 18.16').toBeTruthy();
    const refused = startCli(['--port', String(await unusedLoopbackPort()), '--clickhouse-url', legacyUrl ?? '']);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/is version 18\.16[.\d]*, but Sightline requires ClickHouse \d+\.\d+ or newer/);
    expect(refused.output()).not.toMatch(/\n\s+at /);
  });

  it('explains invalid flags and variables', async () => {
    const invalid = startCli(['--port', 'eighty'], { SIGHTLINE_RETENTION_DAYS: '-1' });
    expect(await invalid.exited).toBe(2);
    expect(invalid.output()).toMatch(/--port \(SIGHTLINE_PORT\)/);
    expect(invalid.output()).toMatch(/--retention-days \(SIGHTLINE_RETENTION_DAYS\)/);
  });
});
