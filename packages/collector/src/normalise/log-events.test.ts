import { describe, expect, it } from 'vitest';
import { FIXTURE_TRACE_ID, fixtureLogs, fixtureSpanId, interopLogs } from './adapters/__fixtures__/load-fixture.ts';
import { messagesFromLogEvents, scoreFromEvaluationEvent } from './log-events.ts';

const MESSAGE_EVENTS = 'opentelemetry-instrumentation-openai-v2-log-events.json';
const DETAILS_AND_EVALUATIONS = 'otel-genai-1.37-details-and-1.38-evaluation-logs.json';

describe('messagesFromLogEvents', () => {
  it('rebuilds 1.28–1.36 message events into input and output, choices in index order', () => {
    expect(messagesFromLogEvents(fixtureLogs(MESSAGE_EVENTS))).toEqual({
      input: [
        { role: 'system', parts: [{ type: 'text', content: 'You are terse.' }] },
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Rome?' }] },
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 'call_9', name: 'get_weather', arguments: { city: 'Rome' } }],
        },
        { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_9', response: '24C, sunny' }] },
      ],
      output: [
        { role: 'assistant', parts: [{ type: 'text', content: 'Sunny, 24C.' }], finish_reason: 'stop' },
        { role: 'assistant', parts: [{ type: 'text', content: 'Sunny and' }], finish_reason: 'length' },
      ],
    });
  });

  it('orders events by time, not by arrival', () => {
    const records = fixtureLogs(MESSAGE_EVENTS).slice(0, 2).reverse();
    expect(messagesFromLogEvents(records).input.map((message) => message.role)).toEqual(['system', 'user']);
  });

  it('reads the 1.37 details event, whose message lists arrive as OTLP arrays and kvlists', () => {
    const [details] = fixtureLogs(DETAILS_AND_EVALUATIONS);
    if (!details) throw new Error('fixture has a details record');
    expect(messagesFromLogEvents([details])).toEqual({
      input: [
        { role: 'system', parts: [{ type: 'text', content: 'Be kind.' }] },
        { role: 'user', parts: [{ type: 'text', content: 'Hi' }] },
      ],
      output: [{ role: 'assistant', parts: [{ type: 'text', content: 'Hello!' }], finish_reason: 'stop' }],
    });
  });

  it('merges details records that carry the input and the output apart (instrumentation-openai 0.22, Responses API)', () => {
    const records = interopLogs('otel-openai-0.22.0-responses-logs.json');
    expect(records.map((record) => record.eventName)).toEqual([
      'gen_ai.client.inference.operation.details',
      'gen_ai.client.inference.operation.details',
    ]);
    const expected = {
      input: [
        { role: 'system', parts: [{ type: 'text', content: 'Be concise.' }] },
        { role: 'user', parts: [{ type: 'text', content: 'Name three primary colours' }] },
      ],
      output: [
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'Mock reply to: Name three primary colours' }],
          finish_reason: 'stop',
        },
      ],
    };
    expect(messagesFromLogEvents(records)).toEqual(expected);
    expect(messagesFromLogEvents([...records].reverse())).toEqual(expected);
  });

  it('puts a system message first among events of the same time, whatever order storage returns them in', () => {
    // instrumentation-openai 0.22 stamps the system and user message events with the same millisecond.
    const [system, user, choice] = interopLogs('otel-openai-0.22.0-chat-logs.json');
    if (!system || !user || !choice) throw new Error('fixture has three records');
    expect(system.timeUnixUs).toBe(user.timeUnixUs);
    const { input, output } = messagesFromLogEvents([user, choice, system]);
    expect(input.map((message) => message.role)).toEqual(['system', 'user']);
    expect(output.map((message) => message.finish_reason)).toEqual(['stop']);
  });

  it('reads content blocks, ignores other events and survives odd bodies', () => {
    const [system] = fixtureLogs(MESSAGE_EVENTS);
    if (!system) throw new Error('fixture has records');
    const records = [
      {
        ...system,
        eventName: 'gen_ai.user.message',
        body: {
          content:
            '[{"type": "text", "text": "Look"}, {"type": "image_url", "image_url": {"url": "https://x.test/a.png"}}]',
        },
      },
      { ...system, eventName: 'http.request', body: 'GET /' },
      { ...system, eventName: 'gen_ai.choice', body: 42 },
      { ...system, eventName: 'gen_ai.choice', body: '{"index": 0, "message": {"content": "text in a JSON body"}}' },
    ];
    expect(messagesFromLogEvents(records)).toEqual({
      input: [
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'Look' },
            { type: 'uri', modality: 'image', uri: 'https://x.test/a.png' },
          ],
        },
      ],
      output: [{ role: 'assistant', parts: [{ type: 'text', content: 'text in a JSON body' }] }],
    });
  });
});

describe('scoreFromEvaluationEvent', () => {
  const [details, relevance, toxicity, nameless, faithfulness] = fixtureLogs(DETAILS_AND_EVALUATIONS);

  it('reads a 1.38 evaluation result with value, label, explanation and response id', () => {
    if (!relevance) throw new Error('fixture has the record');
    expect(scoreFromEvaluationEvent(relevance)).toEqual({
      name: 'relevance',
      value: 0.82,
      label: 'relevant',
      explanation: 'Answers the question asked.',
      responseId: 'chatcmpl-A1',
      traceId: FIXTURE_TRACE_ID,
      spanId: '00000000000000b7',
    });
  });

  it('takes the event name from the event.name attribute and numbers sent as strings', () => {
    if (!toxicity) throw new Error('fixture has the record');
    expect(scoreFromEvaluationEvent(toxicity)).toEqual({
      name: 'toxicity',
      value: 0.5,
      label: 'none',
      traceId: FIXTURE_TRACE_ID,
      spanId: fixtureSpanId(0),
    });
  });

  it('drops a value that is not a number and skips nameless or other records', () => {
    if (!details || !nameless || !faithfulness) throw new Error('fixture has the records');
    expect(scoreFromEvaluationEvent(faithfulness)).toEqual({
      name: 'faithfulness',
      traceId: FIXTURE_TRACE_ID,
      spanId: fixtureSpanId(0),
    });
    expect(scoreFromEvaluationEvent(nameless)).toBeUndefined();
    expect(scoreFromEvaluationEvent(details)).toBeUndefined();
  });
});
