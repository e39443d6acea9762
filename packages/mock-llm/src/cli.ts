#!/usr/bin/env node
// Runs the mock LLM server until interrupted: `node packages/mock-llm/src/cli.ts --port 18080`.

import { parseArgs } from 'node:util';
import { startMockLlmServer } from './server.ts';

const usage = `Usage: node packages/mock-llm/src/cli.ts [options]
  --port <n>                 port to listen on (default 18080; 0 picks a free one)
  --host <address>           interface to listen on (default 127.0.0.1)
  --first-chunk-delay-ms <n> delay before the first streamed chunk (default 0)
  --chunk-delay-ms <n>       delay between streamed chunks (default 0)
  --cache-min-tokens <n>     system prompt size (words) from which prompts are cached (default 64)
  --api-key <key>            require this API key
  --quiet                    do not log requests
  --help                     show this help`;

function numberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative integer, got "${value}".\n\n${usage}`);
    process.exit(2);
  }
  return parsed;
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'first-chunk-delay-ms': { type: 'string' },
    'chunk-delay-ms': { type: 'string' },
    'cache-min-tokens': { type: 'string' },
    'api-key': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}

const server = await startMockLlmServer({
  port: numberOption('port', values.port, 18080),
  host: values.host ?? '127.0.0.1',
  latency: {
    firstChunkDelayMs: numberOption('first-chunk-delay-ms', values['first-chunk-delay-ms'], 0),
    chunkDelayMs: numberOption('chunk-delay-ms', values['chunk-delay-ms'], 0),
  },
  cacheMinTokens: numberOption('cache-min-tokens', values['cache-min-tokens'], 64),
  ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
  ...(values.quiet
    ? {}
    : {
        onRequest: (request) => {
          const behaviours = request.behaviours.length > 0 ? ` [${request.behaviours.join(', ')}]` : '';
          const model = typeof request.body === 'object' && request.body !== null && 'model' in request.body;
          const modelName = model ? ` ${String((request.body as { model: unknown }).model)}` : '';
          console.log(
            `${request.method} ${request.path}${modelName}${request.stream ? ' (stream)' : ''} → ${request.status}${behaviours}`,
          );
        },
      }),
});

console.log(`Mock LLM server listening on ${server.url}`);
console.log(`  OpenAI:    baseURL ${server.openaiBaseUrl}`);
console.log(`  Anthropic: baseURL ${server.anthropicBaseUrl}`);

const shutdown = (): void => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
