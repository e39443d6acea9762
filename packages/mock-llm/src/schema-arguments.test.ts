import { describe, expect, it } from 'vitest';
import { argumentsFromSchema, stringHintFrom } from './schema-arguments.ts';

describe('argumentsFromSchema', () => {
  it('fills every property by type, preferring const, enum and default', () => {
    const schema = {
      type: 'object',
      properties: {
        location: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 3 },
        count: { type: 'number' },
        detailed: { type: 'boolean' },
        kind: { const: 'forecast' },
        language: { type: 'string', default: 'en' },
        tags: { type: 'array', items: { type: 'string' } },
        nested: { type: 'object', properties: { flag: { type: ['boolean', 'null'] } } },
        either: { anyOf: [{ type: 'null' }, { type: 'number' }] },
      },
    };
    expect(argumentsFromSchema(schema, 'Paris')).toEqual({
      location: 'Paris',
      unit: 'celsius',
      days: 3,
      count: 1,
      detailed: true,
      kind: 'forecast',
      language: 'en',
      tags: ['Paris'],
      nested: { flag: true },
      either: 1,
    });
  });

  it('gives {} for a schema that is not an object schema', () => {
    expect(argumentsFromSchema(undefined, 'x')).toEqual({});
    expect(argumentsFromSchema('nonsense', 'x')).toEqual({});
    expect(argumentsFromSchema({ type: 'object' }, 'x')).toEqual({});
  });
});

describe('stringHintFrom', () => {
  it('takes the last word without punctuation', () => {
    expect(stringHintFrom('What is the weather in Paris?')).toBe('Paris');
    expect(stringHintFrom('...')).toBe('mock');
    expect(stringHintFrom('')).toBe('mock');
  });
});
