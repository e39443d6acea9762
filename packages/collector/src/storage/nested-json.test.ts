import { describe, expect, it } from 'vitest';
import { escapedStringContent, nestedJson } from './nested-json.ts';

/** What the one-walk form must equal: the value's JSON text as the contents of a JSON string. */
function twice(value: unknown): { escaped: string; jsonLength: number } {
  const once = JSON.stringify(value);
  return { escaped: JSON.stringify(once).slice(1, -1), jsonLength: once.length };
}

const TRICKY_TEXT = [
  '',
  'plain words',
  'quote " backslash \\ slash /',
  'new\nline\ttab\r\u0000\u001f\u007f',
  'unicode é ü 中文 😀 \u2028 \u2029',
  'lone \ud800 surrogate \udfff',
  '\ufeffbyte order mark',
];

describe('nestedJson', () => {
  it('equals JSON.stringify applied twice for message lists and other JSON data', () => {
    const values: unknown[] = [
      [{ role: 'user', parts: TRICKY_TEXT.map((content) => ({ type: 'text', content })) }],
      [{ role: 'assistant', parts: [{ type: 'tool_call', name: 'f', arguments: { q: [1, -0, 2.5e-7, 1e21] } }] }],
      { b: 1, a: [true, false, null], 10: 'integer-like keys come first', 2: 'as in JSON.stringify' },
      { skipped: undefined, fn: () => 1, kept: 'yes', nested: { deeper: [[[]], {}] } },
      [undefined, () => 1, Symbol('s'), Number.NaN, Number.POSITIVE_INFINITY, 'x'],
      Object.assign(Object.create(null) as object, { noPrototype: true }),
      TRICKY_TEXT,
      'just a string',
      42,
      null,
      [],
      {},
    ];
    for (const value of values) expect(nestedJson(value)).toEqual(twice(value));
  });

  it('leaves values it does not reproduce to the caller', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 100; level++) deep = [deep];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [undefined, 10n, new Date(0), { toJSON: () => 'custom' }, [new Map()], deep, cyclic, () => 1]) {
      expect(nestedJson(value)).toBeUndefined();
    }
  });

  it('escapes a string’s contents as JSON.stringify does', () => {
    for (const text of TRICKY_TEXT) expect(escapedStringContent(text)).toBe(JSON.stringify(text).slice(1, -1));
  });
});
