import { describe, expect, it } from 'vitest';
import { routeProvider } from './provider-aliases.ts';

const TABLE_IDS = new Set(['openai', 'anthropic', 'novita']);
const isTableId = (id: string) => TABLE_IDS.has(id);

describe('routeProvider', () => {
  it('maps OTel provider names and older spellings to table ids', () => {
    expect(routeProvider('aws.bedrock', isTableId)).toEqual({ kind: 'table', providerId: 'aws' });
    expect(routeProvider('az.ai.inference', isTableId)).toEqual({ kind: 'table', providerId: 'azure' });
    expect(routeProvider('gcp.vertex_ai', isTableId)).toEqual({ kind: 'table', providerId: 'google' });
    expect(routeProvider('X_AI', isTableId)).toEqual({ kind: 'table', providerId: 'x-ai' });
    expect(routeProvider('novita', isTableId)).toEqual({ kind: 'table', providerId: 'novita' });
    expect(routeProvider('anthropic.messages', isTableId)).toEqual({ kind: 'table', providerId: 'anthropic' });
  });

  it('matches any provider for empty or unknown names, and never for self-hosted runtimes', () => {
    expect(routeProvider('', isTableId)).toEqual({ kind: 'any' });
    expect(routeProvider('_OTHER', isTableId)).toEqual({ kind: 'any' });
    expect(routeProvider('my-gateway', isTableId)).toEqual({ kind: 'any' });
    expect(routeProvider('ollama', isTableId)).toEqual({ kind: 'never' });
    expect(routeProvider('vllm', isTableId)).toEqual({ kind: 'never' });
  });
});
