// Trace and span ids: raw bytes in protobuf, hex strings (case-insensitive) in OTLP/JSON.

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const HEX_DIGITS = /^[0-9a-fA-F]*$/;
const ALL_ZEROS = /^0+$/;

export type IdReading =
  | { kind: 'valid'; hex: string }
  | { kind: 'missing' }
  | { kind: 'zero' }
  | { kind: 'malformed'; problem: string };

export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += HEX_BYTES[byte];
  return hex;
}

export function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length >> 1);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}

/** Reads an id of `byteLength` bytes; a valid one comes back as lower-case hex. */
export function readId(value: unknown, byteLength: number): IdReading {
  if (value === undefined || value === null) return { kind: 'missing' };
  if (value instanceof Uint8Array) {
    if (value.length === 0) return { kind: 'missing' };
    if (value.length !== byteLength) {
      return { kind: 'malformed', problem: `must be ${byteLength} bytes, got ${value.length}` };
    }
    const hex = bytesToHex(value);
    return ALL_ZEROS.test(hex) ? { kind: 'zero' } : { kind: 'valid', hex };
  }
  if (typeof value === 'string') {
    if (value.length === 0) return { kind: 'missing' };
    if (value.length !== byteLength * 2 || !HEX_DIGITS.test(value)) {
      return {
        kind: 'malformed',
        problem: `must be ${byteLength * 2} hex characters, got ${JSON.stringify(shorten(value))}`,
      };
    }
    return ALL_ZEROS.test(value) ? { kind: 'zero' } : { kind: 'valid', hex: value.toLowerCase() };
  }
  return { kind: 'malformed', problem: `must be a hex string, got ${typeof value}` };
}

/** Lower-case hex of a valid id, '' for anything else (log records need not belong to a span). */
export function readOptionalId(value: unknown, byteLength: number): string {
  const reading = readId(value, byteLength);
  return reading.kind === 'valid' ? reading.hex : '';
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
