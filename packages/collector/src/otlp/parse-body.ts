// Turns raw request bytes into a message tree (protobuf message or parsed JSON), with precise errors.
import { OtlpDecodeError } from './errors.ts';
import type { Fields } from './fields.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const JSON_POSITION = /at position (\d+)/;

/** Parses an OTLP/JSON body; the top level must be a JSON object. */
export function parseJsonBody(body: Uint8Array): Fields {
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    throw new OtlpDecodeError('invalid JSON: body is not valid UTF-8');
  }
  if (text.trim() === '') throw new OtlpDecodeError('invalid JSON: body is empty (send {} for an empty request)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(describeJsonError(error, text));
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const got = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed;
    throw new OtlpDecodeError(`request body must be a JSON object, got ${got}`);
  }
  return parsed as Fields;
}

/** Runs a generated protobuf decoder, turning its errors into OtlpDecodeError. */
export function decodeProtobufBody<Message>(decode: (body: Uint8Array) => Message, body: Uint8Array): Message {
  try {
    return decode(body);
  } catch (error) {
    throw new OtlpDecodeError(`protobuf: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('end of JSON input')) return `invalid JSON at position ${text.length}: unexpected end of input`;
  const position = JSON_POSITION.exec(message)?.[1];
  // V8 reports a position for most errors; for an unexpected token it quotes the surrounding text instead.
  if (position === undefined) return `invalid JSON: ${message}`;
  return `invalid JSON at position ${position}: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
}
