-- The trace list's first pages read their traces' totals from here instead of trace_index: the same
-- partial rows, keyed by when their spans ended, so the newest traces' rows lie together in a few
-- granules (50 random trace_index granules by id cost ≈ 13 ms at 1 M spans; this range ≈ 7 ms).
-- A page reads from its oldest root's start minus a margin onwards (recent-trace-index.ts): a row
-- holding the root always ends after that, and a row without it is missed only if all its spans
-- ended before that. The table only needs the last days; trace_index stays the source for the rest.
CREATE TABLE IF NOT EXISTS trace_index_recent (
  project_id LowCardinality(String),
  last_end DateTime64(6),
  trace_id String,
  start_time DateTime64(6),
  end_time DateTime64(6),
  span_count UInt64,
  error_count UInt64,
  input_tokens UInt64,
  output_tokens UInt64,
  cache_read_tokens UInt64,
  cache_write_tokens UInt64,
  reasoning_tokens UInt64,
  cost_usd Decimal(38, 12),
  priced_count UInt64,
  models Array(String),
  prompts Array(Tuple(String, String)),
  user_ids Array(String),
  session_ids Array(String)
) ENGINE = MergeTree
PARTITION BY toDate(last_end)
ORDER BY (project_id, last_end, trace_id)
TTL toDateTime(last_end) + INTERVAL 2 DAY
SETTINGS index_granularity = 128, min_bytes_for_wide_part = 1099511627776, min_rows_for_wide_part = 4294967295, ttl_only_drop_parts = 1;

-- Fed from trace_index's inserts (each insert's partial row per trace), not from spans: no second
-- aggregation at insert.
CREATE MATERIALIZED VIEW IF NOT EXISTS trace_index_recent_mv TO trace_index_recent AS
SELECT project_id, end_time AS last_end, trace_id, start_time, end_time, span_count, error_count,
  input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, priced_count,
  models, prompts, user_ids, session_ids
FROM trace_index;

-- Rows stored before the view existed are not copied (a copy could double rows another writer
-- inserts meanwhile): pages reach back to this time only, a minute after the view was created so
-- that inserts already running then have finished. Older pages read trace_index. On a new database
-- (trace_index still empty once the view exists) every row went through the view: no limit.
INSERT INTO storage_settings (name, value)
SELECT 'trace_index_recent_since',
  toString(if((SELECT count() FROM trace_index) = 0, 0, toUnixTimestamp64Micro(now64(6)) + 60000000));
