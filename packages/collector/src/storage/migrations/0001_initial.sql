-- Sightline storage schema v1. Spans are append-only; derived tables are fed by materialized views.
-- Retention TTLs below are placeholders: migrate.ts rewrites them (ALTER ... MODIFY TTL) from config.
-- Statements are separated by a semicolon at the end of a line; no semicolons inside statements.

CREATE TABLE IF NOT EXISTS spans (
  project_id LowCardinality(String),
  trace_id String CODEC(ZSTD(1)),
  span_id String CODEC(ZSTD(1)),
  parent_span_id String CODEC(ZSTD(1)),
  start_time DateTime64(6) CODEC(Delta(8), ZSTD(1)),
  end_time DateTime64(6) CODEC(Delta(8), ZSTD(1)),
  duration_ms Float64 MATERIALIZED (toUnixTimestamp64Micro(end_time) - toUnixTimestamp64Micro(start_time)) / 1000,
  name LowCardinality(String),
  kind Enum8('UNSPECIFIED' = 0, 'INTERNAL' = 1, 'SERVER' = 2, 'CLIENT' = 3, 'PRODUCER' = 4, 'CONSUMER' = 5),
  status_code Enum8('UNSET' = 0, 'OK' = 1, 'ERROR' = 2),
  status_message String CODEC(ZSTD(1)),
  is_root Bool MATERIALIZED parent_span_id = '',
  service_name LowCardinality(String),
  environment LowCardinality(String),
  scope_name LowCardinality(String),
  scope_version LowCardinality(String),
  source_convention LowCardinality(String),
  span_type LowCardinality(String),
  operation LowCardinality(String),
  provider LowCardinality(String),
  request_model LowCardinality(String),
  response_model LowCardinality(String),
  session_id String CODEC(ZSTD(1)),
  user_id String CODEC(ZSTD(1)),
  agent_name LowCardinality(String),
  tool_name LowCardinality(String),
  prompt_name LowCardinality(String),
  prompt_version LowCardinality(String),
  feature LowCardinality(String),
  tags Array(LowCardinality(String)),
  finish_reasons Array(LowCardinality(String)),
  error_type LowCardinality(String),
  input_tokens UInt32 CODEC(T64, ZSTD(1)),
  output_tokens UInt32 CODEC(T64, ZSTD(1)),
  cache_read_tokens UInt32 CODEC(T64, ZSTD(1)),
  cache_write_tokens UInt32 CODEC(T64, ZSTD(1)),
  reasoning_tokens UInt32 CODEC(T64, ZSTD(1)),
  usage_details Map(LowCardinality(String), UInt64),
  counts_in_totals Bool,
  cost_usd Nullable(Decimal(18, 12)),
  cost_source Enum8('none' = 0, 'provided' = 1, 'calculated' = 2),
  cost_details Map(LowCardinality(String), Float64),
  price_version LowCardinality(String),
  ttft_ms Nullable(Float64),
  input String CODEC(ZSTD(3)),
  output String CODEC(ZSTD(3)),
  request_parameters String CODEC(ZSTD(1)),
  metadata Map(LowCardinality(String), String) CODEC(ZSTD(1)),
  attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
  resource_attributes Map(LowCardinality(String), String) CODEC(ZSTD(1)),
  events Array(Tuple(ts DateTime64(6), name LowCardinality(String), attributes Map(LowCardinality(String), String))) CODEC(ZSTD(1)),
  links Array(Tuple(trace_id String, span_id String, attributes Map(LowCardinality(String), String))) CODEC(ZSTD(1)),
  tool_definitions String CODEC(ZSTD(3)),
  mapping String CODEC(ZSTD(1)),
  ingested_at DateTime64(3) DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toDate(start_time)
PRIMARY KEY (project_id, toStartOfMinute(start_time), xxHash32(trace_id))
ORDER BY (project_id, toStartOfMinute(start_time), xxHash32(trace_id), span_id)
TTL toDateTime(start_time) + INTERVAL 30 DAY
SETTINGS index_granularity = 256, min_bytes_for_wide_part = 1099511627776, min_rows_for_wide_part = 4294967295, ttl_only_drop_parts = 1;

-- Spans are read whole (a trace, a span) far more often than scanned column by column: compact parts
-- keep a granule's columns together and small granules bound what a point read decompresses
-- (a 5-span trace: 8 ms vs 20 ms on wide parts of 2048 rows at 1 M spans). Lists, totals and
-- dashboards read trace_roots, trace_index and the rollups instead of scanning spans.

-- Root spans only, newest first by key: the trace list page reads a few granules in reverse order.
CREATE TABLE IF NOT EXISTS trace_roots (
  project_id LowCardinality(String),
  trace_id String,
  span_id String,
  start_time DateTime64(6) CODEC(Delta(8), ZSTD(1)),
  end_time DateTime64(6) CODEC(Delta(8), ZSTD(1)),
  name LowCardinality(String),
  service_name LowCardinality(String),
  environment LowCardinality(String),
  ingested_at DateTime64(3)
) ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toDate(start_time)
ORDER BY (project_id, start_time, trace_id, span_id)
TTL toDateTime(start_time) + INTERVAL 30 DAY
SETTINGS index_granularity = 1024, ttl_only_drop_parts = 1;

CREATE MATERIALIZED VIEW IF NOT EXISTS trace_roots_mv TO trace_roots AS
SELECT project_id, trace_id, span_id, start_time, end_time, name, service_name, environment, ingested_at
FROM spans
WHERE parent_span_id = '';

-- Compact parts and 128-row granules: the list page point-reads 50 random traces by id.
CREATE TABLE IF NOT EXISTS trace_index (
  project_id LowCardinality(String),
  trace_id String,
  start_time SimpleAggregateFunction(min, DateTime64(6)),
  end_time SimpleAggregateFunction(max, DateTime64(6)),
  span_count SimpleAggregateFunction(sum, UInt64),
  error_count SimpleAggregateFunction(sum, UInt64),
  input_tokens SimpleAggregateFunction(sum, UInt64),
  output_tokens SimpleAggregateFunction(sum, UInt64),
  cache_read_tokens SimpleAggregateFunction(sum, UInt64),
  cache_write_tokens SimpleAggregateFunction(sum, UInt64),
  reasoning_tokens SimpleAggregateFunction(sum, UInt64),
  cost_usd SimpleAggregateFunction(sum, Decimal(38, 12)),
  priced_count SimpleAggregateFunction(sum, UInt64),
  models SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
  providers SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
  prompts SimpleAggregateFunction(groupUniqArrayArray, Array(Tuple(String, String))),
  user_ids SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
  session_ids SimpleAggregateFunction(groupUniqArrayArray, Array(String))
) ENGINE = AggregatingMergeTree
PARTITION BY toMonday(start_time)
ORDER BY (project_id, trace_id)
TTL toDateTime(start_time) + INTERVAL 30 DAY
SETTINGS index_granularity = 128, min_bytes_for_wide_part = 1099511627776, min_rows_for_wide_part = 4294967295, ttl_only_drop_parts = 1;

CREATE MATERIALIZED VIEW IF NOT EXISTS trace_index_mv TO trace_index AS
SELECT
  project_id,
  trace_id,
  min(span.start_time) AS start_time,
  max(span.end_time) AS end_time,
  count() AS span_count,
  countIf(span.status_code = 'ERROR') AS error_count,
  sumIf(toUInt64(span.input_tokens), span.counts_in_totals) AS input_tokens,
  sumIf(toUInt64(span.output_tokens), span.counts_in_totals) AS output_tokens,
  sumIf(toUInt64(span.cache_read_tokens), span.counts_in_totals) AS cache_read_tokens,
  sumIf(toUInt64(span.cache_write_tokens), span.counts_in_totals) AS cache_write_tokens,
  sumIf(toUInt64(span.reasoning_tokens), span.counts_in_totals) AS reasoning_tokens,
  sumIf(toDecimal128(ifNull(span.cost_usd, 0), 12), span.counts_in_totals) AS cost_usd,
  countIf(span.counts_in_totals AND span.cost_usd IS NOT NULL) AS priced_count,
  groupUniqArrayIf(toString(if(response_model != '', response_model, request_model)), request_model != '' OR response_model != '') AS models,
  groupUniqArrayIf(toString(provider), provider != '') AS providers,
  groupUniqArrayIf((toString(prompt_name), toString(prompt_version)), prompt_name != '') AS prompts,
  groupUniqArrayIf(user_id, user_id != '') AS user_ids,
  groupUniqArrayIf(session_id, session_id != '') AS session_ids
FROM spans AS span
GROUP BY project_id, trace_id;

CREATE TABLE IF NOT EXISTS llm_metrics_1m (
  project_id LowCardinality(String),
  minute DateTime,
  environment LowCardinality(String),
  service_name LowCardinality(String),
  provider LowCardinality(String),
  model LowCardinality(String),
  prompt_name LowCardinality(String),
  prompt_version LowCardinality(String),
  feature LowCardinality(String),
  calls SimpleAggregateFunction(sum, UInt64),
  errors SimpleAggregateFunction(sum, UInt64),
  input_tokens SimpleAggregateFunction(sum, UInt64),
  output_tokens SimpleAggregateFunction(sum, UInt64),
  cache_read_tokens SimpleAggregateFunction(sum, UInt64),
  cache_write_tokens SimpleAggregateFunction(sum, UInt64),
  reasoning_tokens SimpleAggregateFunction(sum, UInt64),
  cost_usd SimpleAggregateFunction(sum, Decimal(38, 12)),
  priced_calls SimpleAggregateFunction(sum, UInt64),
  duration_ms_sum SimpleAggregateFunction(sum, Float64),
  ttft_count SimpleAggregateFunction(sum, UInt64),
  latency_ms AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), Float64),
  ttft_ms AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), Float64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (project_id, minute, environment, service_name, provider, model, prompt_name, prompt_version, feature)
TTL minute + INTERVAL 400 DAY;

CREATE MATERIALIZED VIEW IF NOT EXISTS llm_metrics_1m_mv TO llm_metrics_1m AS
SELECT
  project_id,
  toStartOfMinute(span.start_time) AS minute,
  environment,
  service_name,
  provider,
  toString(if(response_model != '', response_model, request_model)) AS model,
  prompt_name,
  prompt_version,
  feature,
  count() AS calls,
  countIf(span.status_code = 'ERROR') AS errors,
  sum(toUInt64(span.input_tokens)) AS input_tokens,
  sum(toUInt64(span.output_tokens)) AS output_tokens,
  sum(toUInt64(span.cache_read_tokens)) AS cache_read_tokens,
  sum(toUInt64(span.cache_write_tokens)) AS cache_write_tokens,
  sum(toUInt64(span.reasoning_tokens)) AS reasoning_tokens,
  sum(toDecimal128(ifNull(span.cost_usd, 0), 12)) AS cost_usd,
  countIf(span.cost_usd IS NOT NULL) AS priced_calls,
  sum(span.duration_ms) AS duration_ms_sum,
  countIf(span.ttft_ms IS NOT NULL) AS ttft_count,
  quantilesTDigestState(0.5, 0.9, 0.95, 0.99)(span.duration_ms) AS latency_ms,
  quantilesTDigestIfState(0.5, 0.9, 0.95, 0.99)(ifNull(span.ttft_ms, 0), span.ttft_ms IS NOT NULL) AS ttft_ms
FROM spans AS span
WHERE counts_in_totals
GROUP BY project_id, minute, environment, service_name, provider, model, prompt_name, prompt_version, feature;

-- Per hour and model (no prompt or feature): long windows read whole hours here and only their
-- partial first and last hours from llm_metrics_1m. Fed from llm_metrics_1m's inserted blocks.
CREATE TABLE IF NOT EXISTS llm_metrics_1h (
  project_id LowCardinality(String),
  hour DateTime,
  environment LowCardinality(String),
  service_name LowCardinality(String),
  provider LowCardinality(String),
  model LowCardinality(String),
  calls SimpleAggregateFunction(sum, UInt64),
  errors SimpleAggregateFunction(sum, UInt64),
  input_tokens SimpleAggregateFunction(sum, UInt64),
  output_tokens SimpleAggregateFunction(sum, UInt64),
  cache_read_tokens SimpleAggregateFunction(sum, UInt64),
  cache_write_tokens SimpleAggregateFunction(sum, UInt64),
  reasoning_tokens SimpleAggregateFunction(sum, UInt64),
  cost_usd SimpleAggregateFunction(sum, Decimal(38, 12)),
  priced_calls SimpleAggregateFunction(sum, UInt64),
  duration_ms_sum SimpleAggregateFunction(sum, Float64),
  ttft_count SimpleAggregateFunction(sum, UInt64),
  latency_ms AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), Float64),
  ttft_ms AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), Float64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (project_id, hour, environment, service_name, provider, model)
TTL hour + INTERVAL 400 DAY;

CREATE MATERIALIZED VIEW IF NOT EXISTS llm_metrics_1h_mv TO llm_metrics_1h AS
SELECT
  project_id,
  toStartOfHour(rollup.minute) AS hour,
  environment,
  service_name,
  provider,
  model,
  sum(rollup.calls) AS calls,
  sum(rollup.errors) AS errors,
  sum(rollup.input_tokens) AS input_tokens,
  sum(rollup.output_tokens) AS output_tokens,
  sum(rollup.cache_read_tokens) AS cache_read_tokens,
  sum(rollup.cache_write_tokens) AS cache_write_tokens,
  sum(rollup.reasoning_tokens) AS reasoning_tokens,
  sum(rollup.cost_usd) AS cost_usd,
  sum(rollup.priced_calls) AS priced_calls,
  sum(rollup.duration_ms_sum) AS duration_ms_sum,
  sum(rollup.ttft_count) AS ttft_count,
  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(rollup.latency_ms) AS latency_ms,
  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(rollup.ttft_ms) AS ttft_ms
FROM llm_metrics_1m AS rollup
GROUP BY project_id, hour, environment, service_name, provider, model;

CREATE TABLE IF NOT EXISTS scores (
  project_id LowCardinality(String),
  id String,
  timestamp DateTime64(3),
  trace_id String,
  span_id String,
  session_id String,
  name LowCardinality(String),
  data_type Enum8('numeric' = 1, 'boolean' = 2, 'categorical' = 3),
  value Nullable(Float64),
  string_value Nullable(String),
  source Enum8('api' = 1, 'eval' = 2, 'annotation' = 3, 'otel_event' = 4),
  comment String CODEC(ZSTD(1)),
  evaluator_id LowCardinality(String),
  metadata Map(LowCardinality(String), String) CODEC(ZSTD(1)),
  created_at DateTime64(3) DEFAULT now64(3),
  updated_at DateTime64(3) DEFAULT now64(3),
  is_deleted UInt8 DEFAULT 0,
  INDEX idx_trace_id trace_id TYPE bloom_filter(0.001) GRANULARITY 1,
  INDEX idx_session_id session_id TYPE bloom_filter(0.01) GRANULARITY 1
) ENGINE = ReplacingMergeTree(updated_at, is_deleted)
PARTITION BY toYYYYMM(timestamp)
ORDER BY (project_id, toDate(timestamp), name, id);

CREATE TABLE IF NOT EXISTS score_metrics_1m (
  project_id LowCardinality(String),
  minute DateTime,
  name LowCardinality(String),
  source LowCardinality(String),
  evaluator_id LowCardinality(String),
  n SimpleAggregateFunction(sum, UInt64),
  value_sum SimpleAggregateFunction(sum, Float64),
  value_sum_squares SimpleAggregateFunction(sum, Float64),
  value_min SimpleAggregateFunction(min, Float64),
  value_max SimpleAggregateFunction(max, Float64),
  value_digest AggregateFunction(quantilesTDigest(0.5, 0.9, 0.95, 0.99), Float64)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (project_id, minute, name, source, evaluator_id)
TTL minute + INTERVAL 400 DAY;

CREATE MATERIALIZED VIEW IF NOT EXISTS score_metrics_1m_mv TO score_metrics_1m AS
SELECT
  project_id,
  toStartOfMinute(timestamp) AS minute,
  name,
  toString(score.source) AS source,
  evaluator_id,
  count() AS n,
  sum(assumeNotNull(score.value)) AS value_sum,
  sum(assumeNotNull(score.value) * assumeNotNull(score.value)) AS value_sum_squares,
  min(assumeNotNull(score.value)) AS value_min,
  max(assumeNotNull(score.value)) AS value_max,
  quantilesTDigestState(0.5, 0.9, 0.95, 0.99)(assumeNotNull(score.value)) AS value_digest
FROM scores AS score
WHERE value IS NOT NULL AND is_deleted = 0
GROUP BY project_id, minute, name, source, evaluator_id;

CREATE TABLE IF NOT EXISTS span_log_events (
  project_id LowCardinality(String),
  trace_id String CODEC(ZSTD(1)),
  span_id String CODEC(ZSTD(1)),
  time DateTime64(6) CODEC(Delta(8), ZSTD(1)),
  event_name LowCardinality(String),
  severity_text LowCardinality(String),
  body String CODEC(ZSTD(3)),
  attributes String CODEC(ZSTD(1)),
  resource String CODEC(ZSTD(1)),
  scope_name LowCardinality(String),
  scope_version LowCardinality(String),
  -- Position of the record in its OTLP request: keeps the order of records with equal timestamps.
  sequence UInt32,
  record_hash UInt64 MATERIALIZED cityHash64(event_name, severity_text, body, attributes),
  ingested_at DateTime64(3) DEFAULT now64(3)
) ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toDate(time)
PRIMARY KEY (project_id, toStartOfMinute(time), xxHash32(trace_id))
ORDER BY (project_id, toStartOfMinute(time), xxHash32(trace_id), span_id, time, record_hash)
TTL toDateTime(time) + INTERVAL 30 DAY
SETTINGS ttl_only_drop_parts = 1;
