// Guardrail outcomes as `sightline.guardrail` events. The span also keeps the most severe outcome so
// far (block > modify > pass) in sightline.guardrail.outcome, so "blocked" traces are one filter away.
import type { Attributes, Span } from '@opentelemetry/api';
import {
  SIGHTLINE_GUARDRAIL_EVENT,
  SIGHTLINE_GUARDRAIL_NAME,
  SIGHTLINE_GUARDRAIL_OUTCOME,
  SIGHTLINE_GUARDRAIL_REASON,
} from '@sightline/core';
import { safely } from '../diagnostics/safely.ts';
import { type RecordTarget, recordOnSpan } from './recording-span.ts';

export type GuardrailOutcome = 'pass' | 'block' | 'modify';

export interface GuardrailResult extends RecordTarget {
  /** The check, e.g. "pii", "prompt-injection", "topic". */
  name: string;
  outcome: GuardrailOutcome;
  reason?: string;
}

const SEVERITY: Record<GuardrailOutcome, number> = { pass: 0, modify: 1, block: 2 };
const worstOutcome = new WeakMap<Span, GuardrailOutcome>();

export function recordGuardrail(result: GuardrailResult): void {
  safely('recording a guardrail outcome', () => {
    const event: Attributes = {
      [SIGHTLINE_GUARDRAIL_NAME]: result.name,
      [SIGHTLINE_GUARDRAIL_OUTCOME]: result.outcome,
    };
    if (result.reason !== undefined) event[SIGHTLINE_GUARDRAIL_REASON] = result.reason;
    recordOnSpan(
      result,
      `guardrail ${result.name}`,
      (span) => {
        span.addEvent(SIGHTLINE_GUARDRAIL_EVENT, event);
        const worst = worstOutcome.get(span);
        if (worst === undefined || SEVERITY[result.outcome] > SEVERITY[worst]) {
          worstOutcome.set(span, result.outcome);
          span.setAttribute(SIGHTLINE_GUARDRAIL_OUTCOME, result.outcome);
          span.setAttribute(SIGHTLINE_GUARDRAIL_NAME, result.name);
        }
      },
      'guardrail',
    );
  });
}
