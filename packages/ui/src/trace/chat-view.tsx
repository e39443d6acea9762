import type { ChatMessage, MessagePart } from '../api/types.ts';
import { displayValue } from '../format.ts';

/** Messages as a chat: every text is rendered as text (React escapes it), never as HTML. */
export function ChatView({ messages, label }: { messages: ChatMessage[]; label: string }) {
  if (messages.length === 0) return null;
  return (
    <ol className="chat" aria-label={label}>
      {messages.map((message, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages have no id and never reorder
        <li key={index} className={`message role-${roleClass(message.role)}`}>
          <div className="message-role">
            {message.role}
            {message.name ? <span className="muted"> · {message.name}</span> : null}
            {message.finish_reason ? <span className="muted small"> · finish: {message.finish_reason}</span> : null}
          </div>
          {message.parts.map((part, partIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts have no id and never reorder
            <MessagePartView key={partIndex} part={part} />
          ))}
        </li>
      ))}
    </ol>
  );
}

function roleClass(role: string): string {
  return ['system', 'user', 'assistant', 'tool'].includes(role) ? role : 'other';
}

function MessagePartView({ part }: { part: MessagePart }) {
  switch (part.type) {
    case 'text':
      return <div className="part-text">{textOf(part, 'content')}</div>;
    case 'reasoning':
      return (
        <details className="part-reasoning">
          <summary>Reasoning</summary>
          <div className="part-text">{textOf(part, 'content')}</div>
        </details>
      );
    case 'tool_call':
      return (
        <div className="part-tool">
          <div className="part-title">
            Tool call <code>{textOf(part, 'name')}</code>
            {'id' in part && part.id ? <span className="muted small"> · {String(part.id)}</span> : null}
          </div>
          <pre className="code-block">{displayValue('arguments' in part ? parseMaybeJson(part.arguments) : '')}</pre>
        </div>
      );
    case 'tool_call_response':
      return (
        <div className="part-tool result">
          <div className="part-title">
            Tool result{'id' in part && part.id ? <span className="muted small"> · {String(part.id)}</span> : null}
          </div>
          <pre className="code-block">{displayValue('response' in part ? parseMaybeJson(part.response) : '')}</pre>
        </div>
      );
    case 'blob':
    case 'uri':
    case 'file': {
      const details = [part.modality, part.mime_type, part.uri, part.file_id].filter(
        (value): value is string => typeof value === 'string' && value !== '',
      );
      // Media is never loaded: a placeholder says what was there.
      return (
        <div className="part-media" role="img" aria-label={`${String(part.modality ?? part.type)} attachment`}>
          [{String(part.modality ?? part.type)}
          {details.length > 0 ? `: ${details.join(' · ')}` : ''}]
        </div>
      );
    }
    default:
      return <pre className="code-block">{displayValue(part)}</pre>;
  }
}

function textOf(part: MessagePart, key: string): string {
  const value = (part as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : displayValue(value);
}

/** Tool arguments often arrive as a JSON string: show them pretty-printed when they parse. */
function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
