// The benchmarks' workload (one chat request, streamed or not) and, to time it without HTTP, a
// fetch that answers with the mock server's real replies recorded once and replayed from memory.

export const BENCH_MESSAGES = [
  { role: 'system' as const, content: 'You are a concise assistant.' },
  { role: 'user' as const, content: 'Summarise the benefits of tracing LLM calls in one sentence.' },
];

export function chatRequest() {
  return { model: 'gpt-4o-mini', messages: BENCH_MESSAGES, max_tokens: 32 };
}

export function streamingChatRequest() {
  return { ...chatRequest(), stream: true as const, stream_options: { include_usage: true } };
}

interface RecordedReply {
  body: string;
  type: string;
}

async function record(mockUrl: string, stream: boolean): Promise<RecordedReply> {
  const response = await fetch(`${mockUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify(stream ? streamingChatRequest() : chatRequest()),
  });
  return { body: await response.text(), type: response.headers.get('content-type') ?? 'application/json' };
}

/** A fetch for the openai client that replays the mock server's replies to the bench requests. */
export async function cannedFetch(
  mockUrl: string,
): Promise<(url: unknown, request?: { body?: unknown }) => Promise<Response>> {
  const replies = { json: await record(mockUrl, false), stream: await record(mockUrl, true) };
  return async (_url, request) => {
    const stream = typeof request?.body === 'string' && request.body.includes('"stream":true');
    const reply = stream ? replies.stream : replies.json;
    return new Response(reply.body, { status: 200, headers: { 'content-type': reply.type } });
  };
}
