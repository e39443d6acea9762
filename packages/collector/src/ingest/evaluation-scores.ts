import { createHash } from 'node:crypto';
import { scoreFromEvaluationEvent } from '../normalise/log-events.ts';
import type { OtlpLogRecord } from '../otlp/types.ts';
import type { ScoreInput } from '../storage/api-types.ts';

/** gen_ai.evaluation.result log events become scores (source otel_event), with ids stable across retries. */
export function scoresFromLogRecords(
  projectId: string,
  records: readonly OtlpLogRecord[],
  clock: () => Date,
): ScoreInput[] {
  const scores: ScoreInput[] = [];
  for (const record of records) {
    const result = scoreFromEvaluationEvent(record);
    if (!result || !record.traceId) continue;
    const id = createHash('sha256')
      .update([projectId, record.traceId, record.spanId, result.name, record.timeUnixUs].join('\u0000'))
      .digest('hex')
      .slice(0, 32);
    const timestamp = record.timeUnixUs > 0 ? new Date(record.timeUnixUs / 1000) : clock();
    const score: ScoreInput = {
      id,
      projectId,
      traceId: record.traceId,
      name: result.name,
      dataType: result.value !== undefined ? 'numeric' : 'categorical',
      source: 'otel_event',
      timestamp,
    };
    if (record.spanId) score.spanId = record.spanId;
    if (result.value !== undefined) score.value = result.value;
    if (result.label !== undefined) score.stringValue = result.label;
    if (result.explanation !== undefined) score.comment = result.explanation;
    scores.push(score);
  }
  return scores;
}
