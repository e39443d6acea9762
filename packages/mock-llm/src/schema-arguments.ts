// Builds tool-call arguments that satisfy a tool's JSON Schema, deterministically.

const MAX_DEPTH = 6;

type Schema = Record<string, unknown>;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstType(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((entry): entry is string => typeof entry === 'string' && entry !== 'null');
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function valueFor(schema: unknown, stringHint: string, depth: number): unknown {
  if (!isSchema(schema) || depth > MAX_DEPTH) return stringHint;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('default' in schema) return schema.default;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const chosen = options.find((option) => isSchema(option) && option.type !== 'null') ?? options[0];
      if (chosen !== undefined) return valueFor(chosen, stringHint, depth + 1);
    }
  }
  switch (firstType(schema)) {
    case 'number':
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return [valueFor(schema.items, stringHint, depth + 1)];
    case 'object':
      return objectFor(schema, stringHint, depth + 1);
    default:
      return stringHint;
  }
}

function objectFor(schema: Schema, stringHint: string, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (!isSchema(schema.properties)) return result;
  for (const [name, propertySchema] of Object.entries(schema.properties)) {
    result[name] = valueFor(propertySchema, stringHint, depth);
  }
  return result;
}

/**
 * Arguments for a tool call: every property of the schema filled in (const, first enum value, default,
 * else 1 / true / `stringHint` by type). A schema that is not an object schema gives `{}`.
 */
export function argumentsFromSchema(schema: unknown, stringHint: string): Record<string, unknown> {
  if (!isSchema(schema)) return {};
  return objectFor(schema, stringHint, 0);
}

/** The last word of a text without punctuation, e.g. `Paris` for "What is the weather in Paris?"; `mock` when none. */
export function stringHintFrom(text: string): string {
  const words = text.split(/\s+/).filter((word) => word !== '');
  const last = (words.at(-1) ?? '').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return last === '' ? 'mock' : last;
}
