import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../api/types.ts';
import { ChatView } from './chat-view.tsx';

afterEach(cleanup);

const HOSTILE_SCRIPT = '<script>window.__pwned = 1</script>';
const HOSTILE_IMG = '<img src=x onerror="window.__pwned = 2">';

describe('ChatView', () => {
  it('renders hostile message text as text, creating no elements from it', () => {
    const messages: ChatMessage[] = [
      { role: 'user', parts: [{ type: 'text', content: HOSTILE_SCRIPT }] },
      { role: 'assistant', name: HOSTILE_IMG, parts: [{ type: 'text', content: HOSTILE_IMG }] },
    ];
    const { container } = render(<ChatView messages={messages} label="Input messages" />);
    expect(screen.getByText(HOSTILE_SCRIPT)).toBeTruthy();
    expect(screen.getAllByText(HOSTILE_IMG, { exact: false }).length).toBeGreaterThan(0);
    expect(container.querySelectorAll('script, img')).toHaveLength(0);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows tool calls with their arguments and results, and images as placeholders', () => {
    const messages: ChatMessage[] = [
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_9', name: 'get_weather', arguments: '{"city":"Oslo"}' }],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_9', response: { temperature: 4 } }] },
      { role: 'user', parts: [{ type: 'blob', modality: 'image', mime_type: 'image/png' }] },
    ];
    const { container } = render(<ChatView messages={messages} label="Input messages" />);
    expect(screen.getByText('get_weather')).toBeTruthy();
    expect(container.textContent).toContain('"city": "Oslo"');
    expect(container.textContent).toContain('"temperature": 4');
    expect(screen.getByRole('img', { name: 'image attachment' }).textContent).toBe('[image: image · image/png]');
    expect(container.querySelectorAll('img')).toHaveLength(0);
  });
});
