// AI SDK 7 (`ai` 7.x with `@ai-sdk/otel`): names beyond the `ai.*` telemetry and the OTel GenAI ones.
// Seen in the GenAI-named spans of the `OpenTelemetry` integration (scope `gen_ai`) and, for the
// runtime context, also in the `ai.*` spans of its `LegacyOpenTelemetry` integration.

/** Runtime context passed to the call (`userId`, `sessionId`, any other key), one attribute per key. */
export const VERCEL_AI_SETTINGS_CONTEXT_PREFIX = 'ai.settings.context.';
/** Time to the first streamed chunk, in seconds, on streamed `chat` spans (named after the GenAI client metric). */
export const VERCEL_AI_CLIENT_TIME_TO_FIRST_CHUNK = 'gen_ai.client.operation.time_to_first_chunk';
