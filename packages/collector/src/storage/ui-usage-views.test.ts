import type { ChatMessage } from '@sightline/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messagesFromLogEvents } from '../normalise/log-events.ts';
import type { NormalisedSpan } from '../normalise/types.ts';
import type { OtlpLogRecord } from '../otlp/types.ts';
import type { Storage } from './span-store.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { buildLlmSpan, buildSpan } from './test-support/span-builder.ts';
import { createViewQueries, type ViewQueries } from './ui-view-queries.ts';

// Users and sessions read view_usage (hourly rows for whole hours, minute rows for the edges):
// traces are counted once even when their spans fall in two periods or arrive in two inserts.

const HOUR_US = 3_600_000_000;
const text = (role: string, content: string): ChatMessage =>
  ({ role, parts: [{ type: 'text', content }] }) as ChatMessage;

interface TraceSpec {
  startUs: number;
  user: string;
  session: string;
  cost?: number;
  error?: boolean;
  question?: string;
  answer?: string;
  /** The model call starts this long after the root (µs). */
  callOffsetUs?: number;
}

function trace(projectId: string, spec: TraceSpec): { root: NormalisedSpan; call: NormalisedSpan } {
  const ids = { userId: spec.user, sessionId: spec.session };
  const root = buildSpan({
    projectId,
    spanType: 'agent',
    name: 'agent run',
    startTimeUnixUs: spec.startUs,
    endTimeUnixUs: spec.startUs + 3_000_000,
    ...ids,
  });
  const callStart = spec.startUs + (spec.callOffsetUs ?? 100_000);
  const call = buildLlmSpan({
    projectId,
    traceId: root.traceId,
    parentSpanId: root.spanId,
    startTimeUnixUs: callStart,
    endTimeUnixUs: callStart + 1_000_000,
    statusCode: spec.error ? 'ERROR' : 'UNSET',
    costUsd: spec.cost ?? 0.001,
    input: spec.question === undefined ? [] : [text('system', 'Be brief.'), text('user', spec.question)],
    output: spec.answer === undefined ? [] : [text('assistant', spec.answer)],
    ...ids,
  });
  return { root, call };
}

function logRecord(span: NormalisedSpan, eventName: string, body: OtlpLogRecord['body']): OtlpLogRecord {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    timeUnixUs: span.startTimeUnixUs + 1000,
    eventName,
    severityText: 'INFO',
    body,
    attributes: { 'event.name': eventName },
    resource: { 'service.name': 'checkout' },
    scope: { name: 'genai-logs', version: '1' },
  };
}

for (const variant of executorVariants()) {
  describe(`user and session views on ${variant.name}`, () => {
    let storage: Storage;
    let views: ViewQueries;
    const projectId = uniqueProjectId('ui-usage');
    const anchorUs = Math.floor(Date.now() / 3_600_000) * HOUR_US - 3 * HOUR_US;
    const minute = 60_000_000;
    // user-a's first trace straddles an hour (root at hh:59:59.5, its call at hh+1:00:00.5) and
    // arrives in two inserts; the other traces are ordinary.
    const straddling = trace(projectId, {
      startUs: anchorUs + HOUR_US - 500_000,
      callOffsetUs: 1_000_000,
      user: 'user-a',
      session: 's-1',
      question: 'First question',
      answer: 'First answer',
    });
    const second = trace(projectId, {
      startUs: anchorUs + HOUR_US + 30 * minute,
      user: 'user-a',
      session: 's-1',
      error: true,
      question: 'Second question',
      answer: 'Second answer',
    });
    const third = trace(projectId, { startUs: anchorUs + 2 * HOUR_US + 40_000_000, user: 'user-a', session: 's-2' });
    const other = trace(projectId, { startUs: anchorUs + 20 * minute, user: 'user-b', session: 's-3', cost: 0.5 });
    const before = trace(projectId, { startUs: anchorUs - 2 * HOUR_US, user: 'user-a', session: 's-0' });
    const fromLogs = trace(projectId, { startUs: anchorUs + 50 * minute, user: 'user-c', session: 's-logs' });
    const window = { projectId, from: new Date((anchorUs + 10 * minute) / 1000), to: new Date() };

    beforeAll(async () => {
      storage = await openTestStorage(variant);
      views = createViewQueries(storage.executor, storage.logEvents, messagesFromLogEvents);
      await storage.writer.writeSpans([
        straddling.call,
        ...[second, third, other, before, fromLogs].flatMap(({ root, call }) => [root, call]),
      ]);
      await storage.writer.writeSpans([straddling.root]);
      await storage.logEvents.insert(projectId, [
        logRecord(fromLogs.call, 'gen_ai.system.message', { content: 'Be brief.' }),
        logRecord(fromLogs.call, 'gen_ai.user.message', { content: 'Question from a log record' }),
        logRecord(fromLogs.call, 'gen_ai.choice', {
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: 'Answer from a log record' },
        }),
      ]);
    });
    afterAll(async () => {
      await storage.close();
    });

    test('lists users by cost with each trace counted once', async () => {
      const users = await views.users(window, 10);
      expect(users.map((user) => [user.key, user.traces, user.errors])).toEqual([
        ['user-b', 1, 0],
        ['user-a', 3, 1],
        ['user-c', 1, 0],
      ]);
      const userA = users.find((user) => user.key === 'user-a')!;
      expect(userA.inputTokens).toBe(3 * 420);
      expect(userA.costUsd).toBeCloseTo(0.003, 9);
      expect(userA.lastSeen.slice(0, 19)).toBe(new Date(third.root.endTimeUnixUs / 1000).toISOString().slice(0, 19));
    });

    test('counts a trace in a window when one of its spans with the id started in it', async () => {
      const fromHour = { ...window, from: new Date((anchorUs + HOUR_US) / 1000) };
      expect((await views.users(fromHour, 10)).find((user) => user.key === 'user-a')?.traces).toBe(3);
      const afterCall = { ...window, from: new Date((anchorUs + HOUR_US + minute) / 1000) };
      expect((await views.users(afterCall, 10)).find((user) => user.key === 'user-a')?.traces).toBe(2);
      const wide = { ...window, from: new Date((anchorUs - 3 * HOUR_US) / 1000) };
      expect((await views.users(wide, 10)).find((user) => user.key === 'user-a')?.traces).toBe(4);
    });

    test('lists sessions by last activity', async () => {
      const sessions = await views.sessions(window, 10);
      expect(sessions.map((session) => [session.key, session.traces])).toEqual([
        ['s-2', 1],
        ['s-1', 2],
        ['s-logs', 1],
        ['s-3', 1],
      ]);
      expect((await views.sessions(window, 2)).map((session) => session.key)).toEqual(['s-2', 's-1']);
    });

    test('shows a user over time with their sessions', async () => {
      const user = await views.user(window, 'user-a');
      expect(user.totals).toMatchObject({ key: 'user-a', traces: 3, errors: 1 });
      expect(user.bucketSeconds).toBeGreaterThanOrEqual(3600);
      expect(user.traces.reduce((sum, value) => sum + value, 0)).toBe(3);
      expect(user.tokens.reduce((sum, value) => sum + value, 0)).toBe(3 * 600);
      expect(user.sessions.map((session) => [session.key, session.traces])).toEqual([
        ['s-2', 1],
        ['s-1', 2],
      ]);
      expect((await views.user(window, 'nobody')).totals.traces).toBe(0);
    });

    test('shows a session as a conversation, with messages from spans or from log records', async () => {
      const session = await views.session(window, 's-1');
      expect(session.turns.map((turn) => turn.trace.traceId)).toEqual([straddling.root.traceId, second.root.traceId]);
      expect(session.turns[0]!.trace.startTime.slice(0, 19)).toBe(
        new Date(straddling.root.startTimeUnixUs / 1000).toISOString().slice(0, 19),
      );
      expect(session.turns[1]).toMatchObject({
        input: [text('user', 'Second question')],
        output: [text('assistant', 'Second answer')],
      });
      expect(session.totals).toMatchObject({ traces: 2, errors: 1 });

      const logged = await views.session(window, 's-logs');
      expect(logged.turns).toHaveLength(1);
      expect(logged.turns[0]!.input).toEqual([text('user', 'Question from a log record')]);
      expect(logged.turns[0]!.output).toMatchObject([
        { role: 'assistant', parts: [{ type: 'text', content: 'Answer from a log record' }] },
      ]);
    });

    test('filters the traces table by user and session through the usage rollup', async () => {
      const base = { ...window, limit: 50, sort: 'startTime' as const, order: 'desc' as const };
      const byUser = await views.searchTraces({ ...base, filters: { userId: 'user-a' } });
      expect(byUser.traces.map((row) => row.traceId)).toEqual([
        third.root.traceId,
        second.root.traceId,
        straddling.root.traceId,
      ]);
      const bySession = await views.searchTraces({ ...base, filters: { sessionId: 's-1', status: 'error' } });
      expect(bySession.traces.map((row) => row.traceId)).toEqual([second.root.traceId]);
    });
  });
}
