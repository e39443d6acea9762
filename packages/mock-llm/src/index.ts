export { embeddingFor } from './openai-embeddings.ts';
export { startMockLlmServer } from './server.ts';
export { countTokens } from './tokens.ts';
export type {
  MockLlmLatency,
  MockLlmProtocol,
  MockLlmServer,
  MockLlmServerOptions,
  RecordedRequest,
} from './types.ts';
