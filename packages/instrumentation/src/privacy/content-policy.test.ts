import { describe, expect, it } from 'vitest';
import {
  type ContentPolicy,
  cleanText,
  contentAttribute,
  DEFAULT_CONTENT_POLICY,
  omittedMessagesMarker,
} from './content-policy.ts';
import { truncateText } from './truncate.ts';

const policy = (overrides: Partial<ContentPolicy> = {}): ContentPolicy => ({ ...DEFAULT_CONTENT_POLICY, ...overrides });

describe('truncateText', () => {
  it('cuts long text with a marker saying how much was cut', () => {
    expect(truncateText('abcdefghij', 4)).toEqual({ text: 'abcd…[truncated 6 chars]', truncated: true });
    expect(truncateText('abc', 4)).toEqual({ text: 'abc', truncated: false });
  });
});

describe('cleanText', () => {
  it('runs the redact hook before the built-in masks', () => {
    const redact = (text: string) => text.replaceAll('Acme', '[CLIENT]');
    expect(cleanText('Acme: mail bob@acme.com', policy({ redact })).text).toBe('[CLIENT]: mail [REDACTED_EMAIL]');
  });

  it('drops the text when the redact hook throws, instead of leaking it', () => {
    const redact = () => {
      throw new Error('broken hook');
    };
    expect(cleanText('secret', policy({ redact }))).toEqual({ text: '[REDACTION_FAILED]', truncated: false });
  });
});

describe('contentAttribute', () => {
  const message = (content: string) => ({ role: 'user', parts: [{ type: 'text', content }] });

  it('is undefined when capture is off or there is nothing to capture', () => {
    expect(contentAttribute([message('hi')], policy({ capture: false }))).toBeUndefined();
    expect(contentAttribute([], policy())).toBeUndefined();
  });

  it('masks and cuts text values but never structural fields', () => {
    const result = contentAttribute(
      [{ role: 'user', name: 'bob@example.com', parts: [{ type: 'text', content: 'mail bob@example.com please' }] }],
      policy({ maxTextChars: 20 }),
    );
    expect(JSON.parse(result?.json ?? '')).toEqual([
      {
        role: 'user',
        name: 'bob@example.com',
        parts: [{ type: 'text', content: 'mail [REDACTED_EMAIL…[truncated 8 chars]' }],
      },
    ]);
    expect(result?.truncated).toBe(true);
  });

  it('masks strings inside tool arguments without breaking the JSON', () => {
    const result = contentAttribute(
      [
        {
          role: 'assistant',
          parts: [
            { type: 'tool_call', id: 'call_1', name: 'send', arguments: { to: 'bob@example.com', count: 5551234567 } },
          ],
        },
      ],
      policy(),
    );
    expect(JSON.parse(result?.json ?? '')).toEqual([
      {
        role: 'assistant',
        parts: [
          { type: 'tool_call', id: 'call_1', name: 'send', arguments: { to: '[REDACTED_EMAIL]', count: 5551234567 } },
        ],
      },
    ]);
  });

  it('keeps the newest messages under the attribute cap and marks what it left out', () => {
    const messages = Array.from({ length: 10 }, (_, index) => message(`message number ${index} ${'x'.repeat(50)}`));
    const result = contentAttribute(messages, policy({ maxAttributeChars: 400 }), omittedMessagesMarker);
    const kept = JSON.parse(result?.json ?? '') as Array<{ role: string; parts: Array<{ content: string }> }>;
    expect(result?.json.length).toBeLessThanOrEqual(400);
    expect(result?.truncated).toBe(true);
    expect(kept[0]?.parts[0]?.content).toMatch(/^\[sightline: \d+ earlier messages truncated\]$/);
    expect(kept.at(-1)?.parts[0]?.content).toContain('message number 9');
  });

  it('leaves the captured values themselves untouched, masked or not', () => {
    const messages = [
      { role: 'user', parts: [{ type: 'text', content: 'mail bob@example.com' }] },
      { role: 'user', parts: [{ type: 'text', content: 'nothing to hide' }] },
    ];
    const before = structuredClone(messages);
    const result = contentAttribute(messages, policy());
    expect(JSON.parse(result?.json ?? '')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'mail [REDACTED_EMAIL]' }] },
      { role: 'user', parts: [{ type: 'text', content: 'nothing to hide' }] },
    ]);
    expect(messages).toEqual(before);
  });

  it('writes objects other than plain ones by their own fields, and leaves undefined fields out', () => {
    class Arguments {
      city = 'Paris';
      get upper() {
        return this.city.toUpperCase();
      }
    }
    const result = contentAttribute(
      [
        {
          role: 'assistant',
          name: undefined,
          parts: [
            { type: 'tool_call', name: 'weather', arguments: new Arguments() },
            { type: 'tool_call', name: 'when', arguments: { at: new Date('2026-01-01T00:00:00Z'), zone: undefined } },
          ],
        },
      ],
      policy(),
    );
    expect(result?.json).toBe(
      '[{"role":"assistant","parts":[{"type":"tool_call","name":"weather","arguments":{"city":"Paris"}},' +
        '{"type":"tool_call","name":"when","arguments":{"at":{}}}]}]',
    );
  });
});
