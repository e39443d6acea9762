import { z } from 'zod';
import { scoreRequestSchema, traceListQuerySchema } from './request-schemas.ts';

type JsonSchema = Record<string, unknown>;

function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const properties = (inputSchema(schema).properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: false,
    schema: property,
  }));
}

const errorResponse = {
  description: 'Error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: { type: 'object', properties: { status: { type: 'integer' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

const otlpOperation = (signal: 'traces' | 'logs') => ({
  summary: `OTLP/HTTP ${signal} receiver (protobuf or JSON, optionally gzip). Acknowledged only once stored.`,
  requestBody: {
    required: true,
    content: { 'application/x-protobuf': {}, 'application/json': {} },
  },
  responses: {
    '200': {
      description: `Export${signal === 'traces' ? 'Trace' : 'Logs'}ServiceResponse, with partialSuccess when items were rejected`,
    },
    '400': { description: 'Malformed OTLP body (google.rpc.Status says what is wrong)' },
    '401': { description: 'Missing or invalid API key' },
    '413': { description: 'Body larger than the limit after decompression' },
    '415': { description: 'Unsupported Content-Type or Content-Encoding' },
    '429': { description: 'Too many concurrent requests; honour Retry-After' },
    '503': { description: 'Overloaded or storage unavailable; honour Retry-After' },
  },
});

let cached: JsonSchema | undefined;

/** OpenAPI 3.1 description of the collector's HTTP API (built once from the request schemas). */
export function openApiDocument(): JsonSchema {
  cached ??= {
    openapi: '3.1.0',
    info: { title: 'Sightline collector API', version: '0.1.0' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ScoreRequest: inputSchema(scoreRequestSchema) },
    },
    security: [{ bearer: [] }],
    paths: {
      '/v1/traces': { post: otlpOperation('traces') },
      '/v1/logs': { post: otlpOperation('logs') },
      '/api/public/otel/v1/traces': { post: otlpOperation('traces') },
      '/api/public/otel/v1/logs': { post: otlpOperation('logs') },
      '/api/traces': {
        get: {
          summary: 'List traces (newest first) with filters and cursor pagination',
          parameters: queryParameters(traceListQuerySchema),
          responses: { '200': { description: '{ traces, nextCursor }' }, '400': errorResponse, '401': errorResponse },
        },
      },
      '/api/traces/{traceId}': {
        get: {
          summary: 'One trace: { trace, spans, scores }',
          parameters: [
            { name: 'traceId', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' } },
          ],
          responses: { '200': { description: '{ trace, spans, scores }' }, '404': errorResponse },
        },
      },
      '/api/traces/{traceId}/scores': {
        get: {
          summary: "A trace's scores",
          parameters: [{ name: 'traceId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: '{ scores }' } },
        },
      },
      '/api/scores': {
        post: {
          summary: 'Add a score (human feedback or evaluator) to a trace or span',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ScoreRequest' } } },
          },
          responses: { '201': { description: '{ id }' }, '400': errorResponse },
        },
      },
      '/healthz': { get: { summary: 'Liveness', security: [], responses: { '200': { description: 'ok' } } } },
      '/readyz': {
        get: {
          summary: 'Readiness: storage migrated and accepting data',
          security: [],
          responses: { '200': { description: 'ready' }, '503': { description: 'starting' } },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics',
          security: [],
          responses: { '200': { description: 'text exposition format' } },
        },
      },
    },
  };
  return cached;
}
