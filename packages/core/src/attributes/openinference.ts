// user.id and session.id are the general OTel attributes, spelled once in gen-ai.ts.
import { OTEL_SESSION_ID, OTEL_USER_ID } from './gen-ai.ts';
// OpenInference semantic conventions (Arize-ai/openinference:
// js/packages/openinference-semantic-conventions/src/trace/SemanticConventions.ts).
// Names are prefixed OPENINFERENCE_ so they never collide with other conventions' constants.
export const OPENINFERENCE_SPAN_KIND = 'openinference.span.kind';

/** The AI product (openai, anthropic, vertexai, amazon, ...). */
export const OPENINFERENCE_LLM_SYSTEM = 'llm.system';
/** The hosting provider (openai, azure, aws, google, ...). */
export const OPENINFERENCE_LLM_PROVIDER = 'llm.provider';
export const OPENINFERENCE_LLM_MODEL_NAME = 'llm.model_name';
export const OPENINFERENCE_LLM_REQUEST_MODEL_NAME = 'llm.request.model_name';
export const OPENINFERENCE_LLM_RESPONSE_MODEL_NAME = 'llm.response.model_name';
export const OPENINFERENCE_LLM_INVOCATION_PARAMETERS = 'llm.invocation_parameters';
export const OPENINFERENCE_LLM_FINISH_REASON = 'llm.finish_reason';
/** Flattened: `llm.input_messages.N.message.{role,content,name,tool_call_id,contents.M.*,tool_calls.K.*}`. */
export const OPENINFERENCE_LLM_INPUT_MESSAGES = 'llm.input_messages';
export const OPENINFERENCE_LLM_OUTPUT_MESSAGES = 'llm.output_messages';
/** Legacy completions prompts: a string list or flattened `llm.prompts.N.prompt.text`. */
export const OPENINFERENCE_LLM_PROMPTS = 'llm.prompts';
/** Flattened: `llm.tools.N.tool.json_schema`. */
export const OPENINFERENCE_LLM_TOOLS = 'llm.tools';

export const OPENINFERENCE_TOKEN_COUNT_PREFIX = 'llm.token_count.';
export const OPENINFERENCE_TOKEN_COUNT_PROMPT = 'llm.token_count.prompt';
export const OPENINFERENCE_TOKEN_COUNT_COMPLETION = 'llm.token_count.completion';
export const OPENINFERENCE_TOKEN_COUNT_TOTAL = 'llm.token_count.total';
export const OPENINFERENCE_TOKEN_COUNT_CACHE_READ = 'llm.token_count.prompt_details.cache_read';
export const OPENINFERENCE_TOKEN_COUNT_CACHE_WRITE = 'llm.token_count.prompt_details.cache_write';
export const OPENINFERENCE_TOKEN_COUNT_PROMPT_AUDIO = 'llm.token_count.prompt_details.audio';
export const OPENINFERENCE_TOKEN_COUNT_REASONING = 'llm.token_count.completion_details.reasoning';
export const OPENINFERENCE_TOKEN_COUNT_COMPLETION_AUDIO = 'llm.token_count.completion_details.audio';

export const OPENINFERENCE_COST_PREFIX = 'llm.cost.';
export const OPENINFERENCE_COST_TOTAL = 'llm.cost.total';
export const OPENINFERENCE_COST_PROMPT = 'llm.cost.prompt';
export const OPENINFERENCE_COST_COMPLETION = 'llm.cost.completion';

export const OPENINFERENCE_PROMPT_TEMPLATE = 'llm.prompt_template.template';
export const OPENINFERENCE_PROMPT_TEMPLATE_VARIABLES = 'llm.prompt_template.variables';
export const OPENINFERENCE_PROMPT_TEMPLATE_VERSION = 'llm.prompt_template.version';
/** Vendor-specific prompt id (prompt library); Sightline uses it as the prompt name. */
export const OPENINFERENCE_PROMPT_ID = 'prompt.id';
export const OPENINFERENCE_PROMPT_VENDOR = 'prompt.vendor';

export const OPENINFERENCE_INPUT_VALUE = 'input.value';
export const OPENINFERENCE_INPUT_MIME_TYPE = 'input.mime_type';
export const OPENINFERENCE_OUTPUT_VALUE = 'output.value';
export const OPENINFERENCE_OUTPUT_MIME_TYPE = 'output.mime_type';

export const OPENINFERENCE_SESSION_ID = OTEL_SESSION_ID;
export const OPENINFERENCE_USER_ID = OTEL_USER_ID;
/** JSON object of user metadata. */
export const OPENINFERENCE_METADATA = 'metadata';
export const OPENINFERENCE_TAG_TAGS = 'tag.tags';
export const OPENINFERENCE_AGENT_NAME = 'agent.name';

export const OPENINFERENCE_TOOL_NAME = 'tool.name';
export const OPENINFERENCE_TOOL_ID = 'tool.id';
export const OPENINFERENCE_TOOL_DESCRIPTION = 'tool.description';
export const OPENINFERENCE_TOOL_PARAMETERS = 'tool.parameters';
export const OPENINFERENCE_TOOL_CALL_ID = 'tool_call.id';
export const OPENINFERENCE_TOOL_CALL_FUNCTION_NAME = 'tool_call.function.name';
export const OPENINFERENCE_TOOL_CALL_FUNCTION_ARGUMENTS = 'tool_call.function.arguments';

export const OPENINFERENCE_EMBEDDING_MODEL_NAME = 'embedding.model_name';
/** Flattened: `embedding.embeddings.N.embedding.{text,vector}`. */
export const OPENINFERENCE_EMBEDDING_EMBEDDINGS = 'embedding.embeddings';
/** Flattened: `retrieval.documents.N.document.{id,content,score,metadata}`. */
export const OPENINFERENCE_RETRIEVAL_DOCUMENTS = 'retrieval.documents';
export const OPENINFERENCE_RERANKER_MODEL_NAME = 'reranker.model_name';
export const OPENINFERENCE_RERANKER_QUERY = 'reranker.query';
export const OPENINFERENCE_RERANKER_TOP_K = 'reranker.top_k';
export const OPENINFERENCE_RERANKER_OUTPUT_DOCUMENTS = 'reranker.output_documents';

/** `openinference.span.kind` values. */
export const OpenInferenceSpanKind = {
  llm: 'LLM',
  embedding: 'EMBEDDING',
  chain: 'CHAIN',
  retriever: 'RETRIEVER',
  reranker: 'RERANKER',
  tool: 'TOOL',
  agent: 'AGENT',
  guardrail: 'GUARDRAIL',
  evaluator: 'EVALUATOR',
  prompt: 'PROMPT',
} as const;
