import { describe, expect, it } from 'vitest';
import { optionsFromEnv } from './env-options.ts';
import { exportHeaders, tracesUrl } from './options.ts';

describe('optionsFromEnv', () => {
  it('reads nothing from an empty environment, and defaults the endpoint to the local collector', () => {
    const { options, problems } = optionsFromEnv({});
    expect(options).toEqual({});
    expect(problems).toEqual([]);
    expect(tracesUrl(options)).toBe('http://127.0.0.1:4318/v1/traces');
  });

  it('reads the standard OTel exporter variables', () => {
    const { options } = optionsFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20abc,x-team = core ',
    });
    expect(tracesUrl(options)).toBe('http://collector:4318/v1/traces');
    expect(exportHeaders(options)).toEqual({ Authorization: 'Bearer abc', 'x-team': 'core' });
    expect(tracesUrl(optionsFromEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://x.example/traces' }).options)).toBe(
      'https://x.example/traces',
    );
  });

  it('reads Sightline variables', () => {
    const { options, problems } = optionsFromEnv({
      SIGHTLINE_API_KEY: 'key-1',
      SIGHTLINE_ENVIRONMENT: 'staging',
      SIGHTLINE_CAPTURE_CONTENT: 'off',
      SIGHTLINE_REDACT_MASKS: 'email, card',
      SIGHTLINE_MAX_CONTENT_CHARS: '500',
      SIGHTLINE_STREAM_USAGE: 'estimate',
      SIGHTLINE_ANTHROPIC_NATIVE_SPANS: 'keep',
      SIGHTLINE_ACTIVE_LLM_SPAN: 'always',
      SIGHTLINE_INSTRUMENTATIONS: 'openai',
      SIGHTLINE_MAX_QUEUE_SIZE: '100',
      SIGHTLINE_PRICES_FILE: 'prices.yaml',
    });
    expect(problems).toEqual([]);
    expect(options).toEqual({
      apiKey: 'key-1',
      environment: 'staging',
      captureContent: false,
      masks: ['email', 'card'],
      maxContentChars: 500,
      streamUsage: 'estimate',
      anthropicNativeSpans: 'keep',
      activeLlmSpan: 'always',
      instrumentations: { openai: true, anthropic: false },
      maxQueueSize: 100,
      pricesFile: 'prices.yaml',
    });
    expect(exportHeaders(options)).toEqual({ Authorization: 'Bearer key-1' });
  });

  it('lets SIGHTLINE_CAPTURE_CONTENT win over the OTel GenAI variable', () => {
    const env = { SIGHTLINE_CAPTURE_CONTENT: 'true', OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'false' };
    expect(optionsFromEnv(env).options.captureContent).toBe(true);
    expect(
      optionsFromEnv({ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'SPAN_ONLY' }).options.captureContent,
    ).toBe(true);
  });

  it('turns everything off with OTEL_SDK_DISABLED or SIGHTLINE_DISABLED', () => {
    expect(optionsFromEnv({ OTEL_SDK_DISABLED: 'true' }).options.disabled).toBe(true);
    expect(optionsFromEnv({ SIGHTLINE_DISABLED: '1' }).options.disabled).toBe(true);
    expect(optionsFromEnv({ OTEL_SDK_DISABLED: 'false' }).options.disabled).toBeUndefined();
  });

  it('reports invalid variables by name and ignores them instead of throwing', () => {
    const { options, problems } = optionsFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url',
      SIGHTLINE_CAPTURE_CONTENT: 'maybe',
      SIGHTLINE_REDACT_MASKS: 'email,ssn',
      SIGHTLINE_MAX_CONTENT_CHARS: '-5',
      SIGHTLINE_INSTRUMENTATIONS: 'openai,cohere',
      OTEL_EXPORTER_OTLP_HEADERS: 'novalue',
    });
    expect(options).toEqual({});
    expect(problems.map((problem) => problem.split('=')[0])).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_HEADERS',
      'SIGHTLINE_CAPTURE_CONTENT',
      'SIGHTLINE_REDACT_MASKS',
      'SIGHTLINE_MAX_CONTENT_CHARS',
      'SIGHTLINE_INSTRUMENTATIONS',
    ]);
    expect(problems.join('\n')).toMatch(/unknown mask ssn/);
  });
});
