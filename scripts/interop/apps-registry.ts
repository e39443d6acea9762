// Which interop apps exist, which scenarios each runs, and which packages name and version its fixtures.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface AppSpec {
  /** apps/<app>.ts */
  app: string;
  /** Fixture file prefix: `<instrumentation>-<version>-<scenario>.json`. */
  instrumentation: string;
  /** The instrumentation's npm package, as recorded in `generator.package`. */
  packageName: string;
  /** Directory under node_modules whose package.json gives the version (an alias directory for old majors). */
  packageDirectory: string;
  /** Other packages the app exercises (node_modules directories), recorded with their versions. */
  libraries: string[];
  /** Scenario name → what it does (for the fixtures README). */
  scenarios: Record<string, string>;
  /** Extra environment for the child process. */
  env?: Record<string, string>;
  /** One line for the fixtures README. */
  description: string;
}

const VERCEL_SCENARIOS: Record<string, string> = {
  'generate-text-tool':
    'generateText, OpenAI Responses gpt-4o-mini, long system prompt (cache read), get_weather tool, 2 steps',
  'generate-text-reasoning': 'generateText, OpenAI chat o4-mini (reasoning tokens)',
  'stream-text': 'streamText, Anthropic claude-sonnet-4-6, system prompt with cacheControl (cache read)',
  embed: 'embed, OpenAI text-embedding-3-small',
};

export const APPS: AppSpec[] = [
  {
    app: 'openllmetry',
    instrumentation: 'openllmetry',
    packageName: '@traceloop/node-server-sdk',
    packageDirectory: '@traceloop/node-server-sdk',
    libraries: ['openai-v6', 'anthropic-sdk-v0'],
    scenarios: {
      'openai-chat': 'workflow > task > chat gpt-4o-mini, long system prompt (cache read on the wire)',
      'openai-chat-stream': 'workflow > streamed chat o4-mini with include_usage',
      'openai-tool-call': 'workflow > chat (tool call) + tool span + chat (answer)',
      'openai-responses': 'workflow > Responses API gpt-4.1',
      'anthropic-messages': 'workflow > two messages calls with cache_control (cache write, then read)',
      'anthropic-stream-tool': 'workflow > streamed messages call answered with tool_use',
    },
    env: {
      // No telemetry to Traceloop's own backends, and no NodeSDK exporters besides the one the app passes.
      TRACELOOP_TELEMETRY: 'false',
      OTEL_LOGS_EXPORTER: 'none',
      OTEL_METRICS_EXPORTER: 'none',
    },
    description:
      'OpenLLMetry: openai 6 and @anthropic-ai/sdk 0.x patched via instrumentModules, workflow/task/tool spans',
  },
  {
    app: 'openinference',
    instrumentation: 'openinference-openai',
    packageName: '@arizeai/openinference-instrumentation-openai',
    packageDirectory: '@arizeai/openinference-instrumentation-openai',
    libraries: ['openai', '@arizeai/openinference-core'],
    scenarios: {
      chat: 'chat gpt-4o-mini, long system prompt (cache read)',
      'chat-stream': 'streamed chat o4-mini with include_usage',
      'tool-call': 'agent span > chat (tool call) + tool span + chat (answer)',
      embeddings: 'embeddings of two inputs, 8 dimensions',
      responses: 'Responses API o4-mini with reasoning effort',
    },
    description: 'OpenInference on openai 7, patched manually; session/user/metadata/tags from context',
  },
  {
    app: 'openinference',
    instrumentation: 'openinference-anthropic',
    packageName: '@arizeai/openinference-instrumentation-anthropic',
    packageDirectory: '@arizeai/openinference-instrumentation-anthropic',
    libraries: ['@anthropic-ai/sdk', '@arizeai/openinference-core'],
    scenarios: {
      messages: 'two messages calls with cache_control (cache write, then read)',
      'stream-tool': 'streamed messages call answered with tool_use',
    },
    description: 'OpenInference on @anthropic-ai/sdk 1.x (whose own spans appear as children)',
  },
  {
    app: 'otel-openai',
    instrumentation: 'otel-openai',
    packageName: '@opentelemetry/instrumentation-openai',
    packageDirectory: '@opentelemetry/instrumentation-openai',
    libraries: ['openai-v6'],
    scenarios: {
      chat: 'chat gpt-4o-mini, long system prompt (cache read on the wire)',
      'chat-stream': 'streamed chat o4-mini with include_usage',
      'tool-call': 'chat (tool call), then chat with the tool result',
      embeddings: 'embeddings of two inputs, 8 dimensions',
      responses: 'Responses API o4-mini with reasoning effort',
    },
    description: 'Official OTel JS GenAI instrumentation on openai 6: spans plus GenAI log events (OTLP logs)',
  },
  {
    app: 'vercel-ai-v7',
    instrumentation: 'vercel-ai-otel',
    packageName: 'ai',
    packageDirectory: 'ai',
    libraries: ['@ai-sdk/otel', '@ai-sdk/openai', '@ai-sdk/anthropic'],
    scenarios: VERCEL_SCENARIOS,
    env: { INTEROP_AI_TELEMETRY: 'otel' },
    description:
      'AI SDK 7 with @ai-sdk/otel `OpenTelemetry` (GenAI semconv spans; usage, provider metadata, runtime context on)',
  },
  {
    app: 'vercel-ai-v7',
    instrumentation: 'vercel-ai-legacy',
    packageName: 'ai',
    packageDirectory: 'ai',
    libraries: ['@ai-sdk/otel', '@ai-sdk/openai', '@ai-sdk/anthropic'],
    scenarios: VERCEL_SCENARIOS,
    env: { INTEROP_AI_TELEMETRY: 'legacy' },
    description: 'AI SDK 7 with @ai-sdk/otel `LegacyOpenTelemetry` (ai.* spans, runtime context userId/sessionId)',
  },
  {
    app: 'vercel-ai-v6',
    instrumentation: 'vercel-ai',
    packageName: 'ai',
    packageDirectory: 'ai-v6',
    libraries: ['ai-sdk-openai-v3', 'ai-sdk-anthropic-v3'],
    scenarios: VERCEL_SCENARIOS,
    description: 'AI SDK 6 built-in `experimental_telemetry` (ai.* spans, metadata userId/sessionId)',
  },
  {
    app: 'vercel-ai-v5',
    instrumentation: 'vercel-ai',
    packageName: 'ai',
    packageDirectory: 'ai-v5',
    libraries: ['ai-sdk-openai-v2', 'ai-sdk-anthropic-v2'],
    scenarios: VERCEL_SCENARIOS,
    description: 'AI SDK 5 built-in `experimental_telemetry` (ai.* spans, metadata userId/sessionId)',
  },
  {
    app: 'anthropic-sdk',
    instrumentation: 'anthropic-sdk',
    packageName: '@anthropic-ai/sdk',
    packageDirectory: '@anthropic-ai/sdk',
    libraries: [],
    scenarios: {
      messages: 'messages.create with a system prompt',
      'messages-stream': 'messages.stream helper',
      'tool-use': 'tool_use reply, then the tool_result answered (two traces)',
      'prompt-caching': 'cache_control system prompt: create (cache write), then stream (cache read)',
      thinking: 'extended thinking enabled (thinking tokens)',
    },
    description: "The SDK's own spans (no instrumentation package), content mode on, conversation id set",
  },
];

export interface InstalledPackage {
  /** The real package name (an alias directory such as `openai-v6` names `openai`). */
  name: string;
  version: string;
}

/** Name and version from node_modules/<directory>/package.json. */
export async function installedPackage(interopDirectory: string, directory: string): Promise<InstalledPackage> {
  const text = await readFile(join(interopDirectory, 'node_modules', directory, 'package.json'), 'utf8');
  const manifest = JSON.parse(text) as { name?: unknown; version?: unknown };
  if (typeof manifest.name !== 'string' || typeof manifest.version !== 'string') {
    throw new Error(`no name or version in ${directory}/package.json`);
  }
  return { name: manifest.name, version: manifest.version };
}

/** The installed versions of an app's libraries, keyed by real package name. */
export async function libraryVersions(interopDirectory: string, app: AppSpec): Promise<Record<string, string>> {
  const versions: Record<string, string> = {};
  for (const directory of app.libraries) {
    const installed = await installedPackage(interopDirectory, directory);
    versions[installed.name] = installed.version;
  }
  return versions;
}
