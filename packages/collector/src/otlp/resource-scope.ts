// Resource and InstrumentationScope wrappers, identical for spans and log records.
import { flattenKeyValues } from './any-value.ts';
import { arrayField, objectField, stringField } from './fields.ts';
import type { Attributes, InstrumentationScope } from './types.ts';

export function readResource(value: unknown, path: string): Attributes {
  const resource = objectField(value, path);
  if (resource === undefined) return {};
  return flattenKeyValues(arrayField(resource.attributes, `${path}.attributes`));
}

export function readScope(value: unknown, path: string): InstrumentationScope {
  const scope = objectField(value, path);
  if (scope === undefined) return { name: '', version: '' };
  return {
    name: stringField(scope.name, `${path}.name`),
    version: stringField(scope.version, `${path}.version`),
  };
}
