import type { SqlExecutor } from '../storage/sql-executor.ts';

// Realistic traces generated inside the engine (INSERT INTO spans SELECT … FROM numbers(…)): JS
// serialisation would take hours at 10 M spans. Inserting into `spans` runs the materialized
// views, so trace_index and llm_metrics_1m fill exactly as with real inserts.

/** Spans per trace: an agent root, a router LLM call, an answer LLM call, a tool call, a final LLM call. */
export const SPANS_PER_TRACE = 5;
/** Spans per INSERT … SELECT (each one is an insert block, like a large real batch). */
export const CHUNK_SPANS = 1_000_000;

export interface GenerateOptions {
  projectId: string;
  /** Traces numbered from here (so later calls add new traces to the same tables). */
  firstTrace: number;
  traceCount: number;
  /** The traces start evenly spread over [windowStartMs, windowEndMs), with jitter. */
  windowStartMs: number;
  windowEndMs: number;
}

// Six models of four providers; per service: the router's model, the answer model and the final
// model (an A/B test swaps 10 % of traces to the next model). Latency bases (ms) and prices (USD
// per token) differ per model.
const MODELS = [
  'gpt-4o-mini',
  'gpt-4.1',
  'claude-sonnet-4-20250514',
  'claude-3-5-haiku-20241022',
  'gemini-2.5-flash',
  'llama-3.3-70b',
];
const PROVIDERS = ['openai', 'openai', 'anthropic', 'anthropic', 'gcp.gemini', 'aws.bedrock'];
const LATENCY_MS = [650, 1900, 2600, 900, 750, 1400];
const INPUT_PRICE = [0.15e-6, 2e-6, 3e-6, 0.8e-6, 0.3e-6, 0.72e-6];
const OUTPUT_PRICE = [0.6e-6, 8e-6, 15e-6, 4e-6, 2.5e-6, 0.72e-6];
const SERVICES = ['support-bot', 'search-assistant', 'summariser', 'code-review'];
const FEATURES = ['support', 'search', 'summaries', 'dev-tools'];
const TOOLS = ['lookup_order', 'web_search', 'fetch_document', 'run_linter'];
/** Model index per service and LLM call (router, answer, final). */
const SERVICE_MODELS = [
  [0, 2, 2],
  [4, 1, 1],
  [3, 5, 5],
  [0, 2, 1],
];
const VOCABULARY =
  'order refund invoice shipping customer account password reset billing address delivery tracking product warranty return policy discount coupon payment card declined subscription cancel upgrade plan support ticket escalation agent summary translate email draft meeting schedule calendar report revenue quarter forecast churn retention cohort analysis dashboard metric latency error timeout retry model prompt token cost please could you help me with my the a an to of and for in on is it that this was were be have has not when why how what which where'.split(
    ' ',
  );

const sqlArray = (values: readonly (string | number)[]): string =>
  `[${values.map((value) => (typeof value === 'number' ? String(value) : `'${value}'`)).join(', ')}]`;

/** `words` pseudo-random vocabulary words (some with a number), seeded by the row and a salt. */
function wordsSql(words: number, salt: number): string {
  return `arrayStringConcat(arrayMap(h -> if(h % 9 = 0, concat(vocabulary[1 + intDiv(h, 16) % ${VOCABULARY.length}], '-', toString(h % 100000)), vocabulary[1 + intDiv(h, 16) % ${VOCABULARY.length}]),
    arrayMap(i -> cityHash64(n, i, ${salt}), range(${words}))), ' ')`;
}

/** Exponential-tailed multiplier in [0.4, ∞) from a hash: most calls near the base, a long tail. */
const tail = (hash: string): string => `(0.4 + 0.6 * -log((${hash} % 1000000 + 1) / 1000001))`;

/**
 * The INSERT … SELECT for spans numbered [{firstSpan}, {firstSpan} + {count}); whole traces only
 * (firstSpan and count are multiples of SPANS_PER_TRACE).
 */
export function generateSpansSql(): string {
  // Durations of the three LLM calls and the tool call, in µs, the same on every row of a trace.
  const llmDuration = (call: number) =>
    `toInt64(1000 * latency_base[1 + model_of_call[${call}]] * ${tail(`cityHash64(t, ${call}, 'latency')`)})`;
  return `INSERT INTO spans (project_id, trace_id, span_id, parent_span_id, start_time, end_time, name, kind,
  status_code, status_message, service_name, environment, scope_name, scope_version, source_convention, span_type,
  operation, provider, request_model, response_model, session_id, user_id, agent_name, tool_name, prompt_name,
  prompt_version, feature, tags, finish_reasons, error_type, input_tokens, output_tokens, cache_read_tokens,
  cache_write_tokens, reasoning_tokens, usage_details, counts_in_totals, cost_usd, cost_source, cost_details,
  price_version, ttft_ms, input, output, request_parameters, metadata, attributes, resource_attributes,
  tool_definitions, mapping)
WITH ${sqlArray(MODELS)} AS models, ${sqlArray(PROVIDERS)} AS providers, ${sqlArray(LATENCY_MS)} AS latency_base,
  ${sqlArray(INPUT_PRICE)} AS input_price, ${sqlArray(OUTPUT_PRICE)} AS output_price,
  ${sqlArray(SERVICES)} AS services, ${sqlArray(FEATURES)} AS features, ${sqlArray(TOOLS)} AS tools,
  ${sqlArray(VOCABULARY)} AS vocabulary
SELECT
  {projectId:String} AS project_id,
  trace_id,
  span_id,
  if(slot = 0, '', root_span_id) AS parent_span_id,
  fromUnixTimestamp64Micro(span_start_us) AS start_time,
  fromUnixTimestamp64Micro(span_end_us) AS end_time,
  multiIf(slot = 0, concat('invoke_agent ', service), slot = 3, concat('execute_tool ', tool), concat('chat ', model)) AS name,
  multiIf(slot = 0, 'SERVER', slot = 3, 'INTERNAL', 'CLIENT') AS kind,
  if(failed AND (slot = 0 OR slot = 4), 'ERROR', 'UNSET') AS status_code,
  if(failed AND (slot = 0 OR slot = 4), 'upstream model error', '') AS status_message,
  service AS service_name,
  environment,
  if(is_llm, 'opentelemetry.instrumentation.openai_v2', 'opentelemetry.instrumentation.agents') AS scope_name,
  '2.1.0' AS scope_version,
  'otel_genai' AS source_convention,
  multiIf(slot = 0, 'agent', slot = 3, 'tool', 'llm') AS span_type,
  multiIf(slot = 0, 'invoke_agent', slot = 3, 'execute_tool', 'chat') AS operation,
  if(is_llm, providers[1 + model_index], '') AS provider,
  if(is_llm, model, '') AS request_model,
  if(is_llm, model, '') AS response_model,
  concat('session-', toString(session_number)) AS session_id,
  concat('user-', toString(session_number % 4000)) AS user_id,
  service AS agent_name,
  if(slot = 3, tool, '') AS tool_name,
  if(is_llm, concat(service, if(slot = 1, '-router', '-answer')), '') AS prompt_name,
  if(is_llm, concat('v', toString(prompt_version_number)), '') AS prompt_version,
  features[1 + service_index] AS feature,
  if(slot = 0 AND intDiv(th, 11) % 7 = 0, ['beta'], []) AS tags,
  if(is_llm AND NOT (failed AND slot = 4), ['stop'], []) AS finish_reasons,
  if(failed AND slot = 4, '500', '') AS error_type,
  if(is_llm, toUInt32(300 + sh % 2000), 0) AS input_tokens,
  if(is_llm, toUInt32(40 + intDiv(sh, 7) % 700), 0) AS output_tokens,
  if(is_llm AND sh % 3 = 0, toUInt32(256 * (1 + sh % 4)), 0) AS cache_read_tokens,
  0 AS cache_write_tokens,
  0 AS reasoning_tokens,
  if(is_llm, map('input', toUInt64(input_tokens), 'output', toUInt64(output_tokens), 'cache_read', toUInt64(cache_read_tokens)), map()) AS usage_details,
  is_llm AS counts_in_totals,
  if(is_llm, toDecimal64(input_tokens * input_price[1 + model_index] + output_tokens * output_price[1 + model_index], 12), NULL) AS cost_usd,
  if(is_llm, 'calculated', 'none') AS cost_source,
  if(is_llm, map('input', input_tokens * input_price[1 + model_index], 'output', output_tokens * output_price[1 + model_index]), map()) AS cost_details,
  if(is_llm, '2026-08-01', '') AS price_version,
  if(is_llm, 80 + (span_end_us - span_start_us) / 1000 * (0.05 + (sh % 200) / 1000), NULL) AS ttft_ms,
  multiIf(
    is_llm, concat('[{"role":"system","parts":[{"type":"text","content":"You are the ', service, ' assistant. ', system_text, '"}]},{"role":"user","parts":[{"type":"text","content":"', ${wordsSql(150, 1)}, '"}]}]'),
    slot = 3, concat('[{"role":"tool","parts":[{"type":"tool_call","name":"', tool, '","arguments":{"query":"', ${wordsSql(6, 2)}, '"}}]}]'),
    '') AS input,
  multiIf(
    is_llm, concat('[{"role":"assistant","parts":[{"type":"text","content":"', ${wordsSql(80, 3)}, '"}],"finish_reason":"stop"}]'),
    slot = 3, concat('[{"role":"tool","parts":[{"type":"tool_call_response","response":"', ${wordsSql(25, 4)}, '"}]}]'),
    '') AS output,
  if(is_llm, '{"temperature":0.2,"max_tokens":1024}', '{}') AS request_parameters,
  map('customer_tier', ['free', 'pro', 'enterprise'][1 + intDiv(th, 13) % 3]) AS metadata,
  if(is_llm,
    map('gen_ai.response.id', concat('resp_', substring(span_id, 1, 12)), 'server.address', concat('api.', providers[1 + model_index], '.com'), 'gen_ai.request.temperature', '0.2', 'gen_ai.request.max_tokens', '1024'),
    map('http.route', '/v1/agent', 'app.request_id', substring(span_id, 5, 12))) AS attributes,
  map('service.name', service, 'deployment.environment.name', environment, 'service.version', '1.4.2', 'host.name', concat('host-', toString(intDiv(th, 17) % 12)), 'telemetry.sdk.language', 'python') AS resource_attributes,
  '' AS tool_definitions,
  if(is_llm,
    '{"c":["otel_genai"],"m":{"gen_ai.request.model":"otel_genai/requestModel","gen_ai.provider.name":"otel_genai/provider","gen_ai.usage.input_tokens":"otel_genai/usage.inputTokens","gen_ai.usage.output_tokens":"otel_genai/usage.outputTokens"},"e":[]}',
    '{"c":["otel_genai"],"m":{"gen_ai.operation.name":"otel_genai/operation"},"e":[]}') AS mapping
FROM (
  SELECT *,
    services[1 + service_index] AS service,
    tools[1 + service_index] AS tool,
    slot IN (1, 2, 4) AS is_llm,
    model_of_call[greatest(indexOf([1, 2, 4], slot), 1)] AS model_index,
    models[1 + model_index] AS model,
    concat('Answer briefly and cite the ', features[1 + service_index], ' knowledge base. Never reveal internal notes. Ask for the order number when it is missing. Escalate to a human agent when the customer asks twice. Reply in the language of the customer and keep a friendly, professional tone.') AS system_text,
    -- Durations (µs) of router, answer, tool, final; the calls run one after another.
    ${llmDuration(1)} AS router_us,
    ${llmDuration(2)} AS answer_us,
    toInt64(50000 + cityHash64(t, 'tool') % 750000) AS tool_us,
    ${llmDuration(3)} AS final_us,
    trace_start_us + 5000 AS router_start,
    router_start + router_us + 8000 AS answer_start,
    answer_start + answer_us + 5000 AS tool_start,
    tool_start + tool_us + 5000 AS final_start,
    final_start + final_us + 20000 AS trace_end_us,
    [trace_start_us, router_start, answer_start, tool_start, final_start][slot + 1] AS span_start_us,
    [trace_end_us, router_start + router_us, answer_start + answer_us, tool_start + tool_us, final_start + final_us][slot + 1] AS span_end_us
  FROM (
    SELECT
      number AS n,
      intDiv(number, ${SPANS_PER_TRACE}) AS t,
      number % ${SPANS_PER_TRACE} AS slot,
      cityHash64(t, 'trace') AS th,
      cityHash64(n, 'span') AS sh,
      lower(hex(MD5(concat({projectId:String}, '/', toString(t))))) AS trace_id,
      substring(lower(hex(MD5(concat({projectId:String}, '/', toString(n))))), 1, 16) AS span_id,
      substring(lower(hex(MD5(concat({projectId:String}, '/', toString(t * ${SPANS_PER_TRACE}))))), 1, 16) AS root_span_id,
      th % 4 AS service_index,
      intDiv(th, 400) % 40000 AS session_number,
      if(intDiv(th, 4) % 10 = 3, 'staging', 'production') AS environment,
      cityHash64(t, 'failed') % 50 = 0 AS failed,
      -- The A/B test: 10 % of traces use the next model for the answer and final calls.
      arrayMap((call, model) -> if(call > 1 AND intDiv(th, 40) % 10 = 1, (model + 1) % 6, model), [1, 2, 3], ${JSON.stringify(SERVICE_MODELS)}[1 + service_index]) AS model_of_call,
      toInt64({windowStartUs:Int64} + (t - {firstTrace:UInt64} + (th % 1000) / 1000) * {spacingUs:Float64}) AS trace_start_us,
      -- Prompt versions roll out over time (one every 8 h); staging runs the next one.
      3 + intDiv(trace_start_us - {windowStartUs:Int64}, 28800000000) + (environment = 'staging') AS prompt_version_number
    FROM numbers({firstSpan:UInt64}, {count:UInt64})
  )
)`;
}

/** Inserts `traceCount` traces in chunks of about CHUNK_SPANS spans; calls `onChunk` after each. */
export async function generateTraces(
  executor: SqlExecutor,
  options: GenerateOptions,
  onChunk: (spansDone: number, seconds: number) => void = () => {},
): Promise<void> {
  const sql = generateSpansSql();
  const spacingUs = ((options.windowEndMs - options.windowStartMs) * 1000) / options.traceCount;
  const tracesPerChunk = Math.max(1, Math.floor(CHUNK_SPANS / SPANS_PER_TRACE));
  for (let done = 0; done < options.traceCount; done += tracesPerChunk) {
    const traces = Math.min(tracesPerChunk, options.traceCount - done);
    const started = performance.now();
    await executor.command(sql, {
      projectId: options.projectId,
      firstTrace: options.firstTrace,
      firstSpan: (options.firstTrace + done) * SPANS_PER_TRACE,
      count: traces * SPANS_PER_TRACE,
      windowStartUs: options.windowStartMs * 1000,
      spacingUs,
    });
    onChunk((done + traces) * SPANS_PER_TRACE, (performance.now() - started) / 1000);
  }
}
