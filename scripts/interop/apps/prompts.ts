// Shared prompts, tools and identities of the interop scenarios, and a cache warm-up against the mock.

export const USER_ID = 'user-42';
export const SESSION_ID = 'session-7';

export const WEATHER_QUESTION = 'What is the weather in Paris?';

export const WEATHER_TOOL_DESCRIPTION = 'Get the current weather for a city';
export const WEATHER_PARAMETERS: {
  type: 'object';
  properties: Record<string, { type: string; description: string }>;
  required: string[];
  additionalProperties: boolean;
} = {
  type: 'object',
  properties: { location: { type: 'string', description: 'City name' } },
  required: ['location'],
  additionalProperties: false,
};

export function weatherReport(location: string): string {
  return `Sunny and 21 degrees in ${location}`;
}

/** A system prompt long enough (80 words) for the mock to cache it. */
export const LONG_SYSTEM_PROMPT = Array.from({ length: 20 }, (_, index) => `Rule ${index + 1}: answer briefly.`).join(
  ' ',
);

/**
 * Sends one uninstrumented request with this model and system prompt straight to the mock, so the
 * instrumented call that follows reads the prompt cache (a first call only writes it).
 */
export async function warmPromptCache(
  mockUrl: string,
  provider: 'openai' | 'anthropic',
  model: string,
  system: string,
): Promise<void> {
  const request =
    provider === 'openai'
      ? {
          path: '/v1/chat/completions',
          body: {
            model,
            messages: [
              { role: 'system', content: system },
              { role: 'user', content: 'warm up' },
            ],
          },
        }
      : {
          path: '/v1/messages',
          body: {
            model,
            max_tokens: 16,
            system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
            messages: [{ role: 'user', content: 'warm up' }],
          },
        };
  const response = await fetch(`${mockUrl}${request.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request.body),
  });
  if (!response.ok) throw new Error(`cache warm-up failed with ${response.status}`);
}
