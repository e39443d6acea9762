-- Rollups for the web UI's views (dashboards, prompts, facets, users, sessions), so no view scans
-- minute rows over long windows or trace_index over a whole window.
-- Each table holds several resolutions side by side (`resolution` in seconds, in the sorting key):
-- a window reads its whole hours at 3600, its partial edge hours at a finer resolution, all in one
-- read of one table (several tables joined by UNION ALL cost a pipeline each: 50 ms vs 15 ms for a
-- prompt's versions at 1 M spans). Small granules: an edge of a few minutes decodes a few hundred
-- TDigest states, not 8,192.
-- Each resolution is backfilled from its source once (only while it has no rows), then fed by a
-- materialized view. Migrations run before the collector accepts data, so nothing is missed
-- between a backfill and its view.

-- Every dimension of llm_metrics_1m at 60 (a copy with small granules), 600 and 3600 seconds: for
-- combinations of filters and breakdowns.
CREATE TABLE IF NOT EXISTS view_metrics (
  project_id LowCardinality(String),
  resolution UInt32,
  period DateTime,
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
PARTITION BY toYYYYMM(period)
ORDER BY (project_id, resolution, period, environment, service_name, provider, model, prompt_name, prompt_version, feature)
TTL period + INTERVAL 400 DAY
SETTINGS index_granularity = 256;

INSERT INTO view_metrics
SELECT project_id, resolution, toDateTime(intDiv(toUnixTimestamp(rollup.minute), resolution) * resolution) AS period,
  environment, service_name, provider, model, prompt_name, prompt_version, feature,
  sum(rollup.calls), sum(rollup.errors), sum(rollup.input_tokens), sum(rollup.output_tokens),
  sum(rollup.cache_read_tokens), sum(rollup.cache_write_tokens), sum(rollup.reasoning_tokens),
  sum(rollup.cost_usd), sum(rollup.priced_calls), sum(rollup.duration_ms_sum), sum(rollup.ttft_count),
  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(rollup.latency_ms),
  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(rollup.ttft_ms)
FROM llm_metrics_1m AS rollup
ARRAY JOIN [toUInt32(60), 600, 3600] AS resolution
WHERE (SELECT count() FROM view_metrics) = 0
GROUP BY project_id, resolution, period, environment, service_name, provider, model, prompt_name, prompt_version, feature;

CREATE MATERIALIZED VIEW IF NOT EXISTS view_metrics_mv TO view_metrics AS
SELECT
  project_id,
  resolution,
  toDateTime(intDiv(toUnixTimestamp(rollup.minute), resolution) * resolution) AS period,
  environment,
  service_name,
  provider,
  model,
  prompt_name,
  prompt_version,
  feature,
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
ARRAY JOIN [toUInt32(60), 600, 3600] AS resolution
GROUP BY project_id, resolution, period, environment, service_name, provider, model, prompt_name, prompt_version, feature;

-- One dimension at a time: per period, the total (dimension 'all'), each environment, service,
-- provider, model and feature, and each (prompt name, version). A dashboard without filters or
-- with one filter or breakdown, and a prompt's versions, read a handful of rows per period
-- instead of every combination: merging TDigest states is most of a dashboard's cost (24 h in
-- 10-minute buckets at 1 M spans: 144 states instead of 3,900).
CREATE TABLE IF NOT EXISTS view_dimension_metrics (
  project_id LowCardinality(String),
  resolution UInt32,
  period DateTime,
  dimension LowCardinality(String),
  value String,
  version String,
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
PARTITION BY toYYYYMM(period)
ORDER BY (project_id, dimension, resolution, period, value, version)
TTL period + INTERVAL 400 DAY
SETTINGS index_granularity = 256;

INSERT INTO view_dimension_metrics
SELECT project_id, resolution, toDateTime(intDiv(toUnixTimestamp(rollup.minute), resolution) * resolution) AS period,
  tupleElement(slice, 1) AS dimension, tupleElement(slice, 2) AS value, tupleElement(slice, 3) AS version,
  sum(rollup.calls), sum(rollup.errors), sum(rollup.input_tokens), sum(rollup.output_tokens),
  sum(rollup.cache_read_tokens), sum(rollup.cache_write_tokens), sum(rollup.reasoning_tokens),
  sum(rollup.cost_usd), sum(rollup.priced_calls), sum(rollup.duration_ms_sum), sum(rollup.ttft_count),
  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(rollup.latency_ms),
  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(rollup.ttft_ms)
FROM llm_metrics_1m AS rollup
ARRAY JOIN [('all', '', ''), ('environment', toString(rollup.environment), ''),
  ('service', toString(rollup.service_name), ''), ('provider', toString(rollup.provider), ''),
  ('model', toString(rollup.model), ''), ('feature', toString(rollup.feature), ''),
  ('prompt', toString(rollup.prompt_name), toString(rollup.prompt_version))] AS slice
ARRAY JOIN [toUInt32(60), 600, 3600] AS resolution
WHERE (SELECT count() FROM view_dimension_metrics) = 0
GROUP BY project_id, resolution, period, dimension, value, version;

CREATE MATERIALIZED VIEW IF NOT EXISTS view_dimension_metrics_mv TO view_dimension_metrics AS
SELECT
  project_id,
  resolution,
  toDateTime(intDiv(toUnixTimestamp(rollup.minute), resolution) * resolution) AS period,
  tupleElement(slice, 1) AS dimension,
  tupleElement(slice, 2) AS value,
  tupleElement(slice, 3) AS version,
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
ARRAY JOIN [('all', '', ''), ('environment', toString(rollup.environment), ''),
  ('service', toString(rollup.service_name), ''), ('provider', toString(rollup.provider), ''),
  ('model', toString(rollup.model), ''), ('feature', toString(rollup.feature), ''),
  ('prompt', toString(rollup.prompt_name), toString(rollup.prompt_version))] AS slice
ARRAY JOIN [toUInt32(60), 600, 3600] AS resolution
GROUP BY project_id, resolution, period, dimension, value, version;

-- First and last minute each prompt version was called: the prompt pages' "first seen" and "last
-- seen" without reading a prompt's whole rollup history.
CREATE TABLE IF NOT EXISTS prompt_versions_seen (
  project_id LowCardinality(String),
  prompt_name LowCardinality(String),
  prompt_version LowCardinality(String),
  first_seen SimpleAggregateFunction(min, DateTime),
  last_seen SimpleAggregateFunction(max, DateTime)
) ENGINE = AggregatingMergeTree
ORDER BY (project_id, prompt_name, prompt_version)
TTL last_seen + INTERVAL 400 DAY;

INSERT INTO prompt_versions_seen
SELECT project_id, prompt_name, prompt_version, min(rollup.minute), max(rollup.minute)
FROM llm_metrics_1m AS rollup
WHERE prompt_name != '' AND (SELECT count() FROM prompt_versions_seen) = 0
GROUP BY project_id, prompt_name, prompt_version;

CREATE MATERIALIZED VIEW IF NOT EXISTS prompt_versions_seen_mv TO prompt_versions_seen AS
SELECT project_id, prompt_name, prompt_version, min(rollup.minute) AS first_seen, max(rollup.minute) AS last_seen
FROM llm_metrics_1m AS rollup
WHERE prompt_name != ''
GROUP BY project_id, prompt_name, prompt_version;

-- Per user and per session, at 60 and 3600 seconds: the traces with a span carrying the id (ids
-- for lookups, 64-bit hashes for cheap distinct counts), error traces, and the tokens and cost of
-- the model calls carrying the id (each provider call once, as in trace_index). Session rows keep
-- the user of their spans, so a user's sessions are one read. Retention like spans (the views
-- link to the traces).
CREATE TABLE IF NOT EXISTS view_usage (
  project_id LowCardinality(String),
  dimension Enum8('user' = 1, 'session' = 2),
  resolution UInt32,
  period DateTime,
  key String,
  user_id String,
  trace_ids SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
  trace_hashes SimpleAggregateFunction(groupUniqArrayArray, Array(UInt64)),
  error_trace_hashes SimpleAggregateFunction(groupUniqArrayArray, Array(UInt64)),
  input_tokens SimpleAggregateFunction(sum, UInt64),
  output_tokens SimpleAggregateFunction(sum, UInt64),
  cost_usd SimpleAggregateFunction(sum, Decimal(38, 12)),
  priced_calls SimpleAggregateFunction(sum, UInt64),
  last_seen SimpleAggregateFunction(max, DateTime64(6))
) ENGINE = AggregatingMergeTree
PARTITION BY toMonday(period)
ORDER BY (project_id, dimension, resolution, period, key, user_id)
TTL period + INTERVAL 30 DAY
SETTINGS index_granularity = 256, ttl_only_drop_parts = 1;

INSERT INTO view_usage
SELECT
  project_id,
  tupleElement(owner, 1) AS dimension,
  resolution,
  toDateTime(intDiv(toUnixTimestamp(span.start_time), resolution) * resolution) AS period,
  tupleElement(owner, 2) AS key,
  if(dimension = 'session', span.user_id, '') AS session_user,
  groupUniqArray(span.trace_id),
  groupUniqArray(cityHash64(span.trace_id)),
  groupUniqArrayIf(cityHash64(span.trace_id), span.status_code = 'ERROR'),
  sumIf(toUInt64(span.input_tokens), span.counts_in_totals),
  sumIf(toUInt64(span.output_tokens), span.counts_in_totals),
  sumIf(toDecimal128(ifNull(span.cost_usd, 0), 12), span.counts_in_totals),
  countIf(span.counts_in_totals AND span.cost_usd IS NOT NULL),
  max(span.end_time)
FROM spans AS span
ARRAY JOIN [('user', span.user_id), ('session', span.session_id)] AS owner
ARRAY JOIN [toUInt32(60), 3600] AS resolution
WHERE tupleElement(owner, 2) != '' AND (SELECT count() FROM view_usage) = 0
GROUP BY project_id, dimension, resolution, period, key, session_user;

CREATE MATERIALIZED VIEW IF NOT EXISTS view_usage_mv TO view_usage AS
SELECT
  project_id,
  tupleElement(owner, 1) AS dimension,
  resolution,
  toDateTime(intDiv(toUnixTimestamp(span.start_time), resolution) * resolution) AS period,
  tupleElement(owner, 2) AS key,
  if(dimension = 'session', span.user_id, '') AS user_id,
  groupUniqArray(span.trace_id) AS trace_ids,
  groupUniqArray(cityHash64(span.trace_id)) AS trace_hashes,
  groupUniqArrayIf(cityHash64(span.trace_id), span.status_code = 'ERROR') AS error_trace_hashes,
  sumIf(toUInt64(span.input_tokens), span.counts_in_totals) AS input_tokens,
  sumIf(toUInt64(span.output_tokens), span.counts_in_totals) AS output_tokens,
  sumIf(toDecimal128(ifNull(span.cost_usd, 0), 12), span.counts_in_totals) AS cost_usd,
  countIf(span.counts_in_totals AND span.cost_usd IS NOT NULL) AS priced_calls,
  max(span.end_time) AS last_seen
FROM spans AS span
ARRAY JOIN [('user', span.user_id), ('session', span.session_id)] AS owner
ARRAY JOIN [toUInt32(60), 3600] AS resolution
WHERE tupleElement(owner, 2) != ''
GROUP BY project_id, dimension, resolution, period, key, user_id;
