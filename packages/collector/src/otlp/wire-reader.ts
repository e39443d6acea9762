// A minimal protobuf wire-format reader for the direct trace decoder (decode-traces-direct.ts). It accepts
// only well-formed input read the way protobufjs reads it; anything else throws UNSUPPORTED, and the body
// goes to the generated protobufjs decoder, which owns every error message.

/** Thrown for input the direct decoder leaves to the general one. */
export const UNSUPPORTED: unique symbol = Symbol('unsupported by the direct decoder');

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const REPLACEMENT_CHARACTER = '\ufffd';

/** Node's Buffer has a fast native UTF-8 slice (protobufjs uses it too); toString is the documented fallback. */
type Utf8Slicer = (this: Buffer, start: number, end: number) => string;
const utf8Slice: Utf8Slicer =
  (Buffer.prototype as unknown as { utf8Slice?: Utf8Slicer }).utf8Slice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString('utf8', start, end);
  };

/** Texts of recurring strings by a hash of their bytes; a collision just decodes and replaces the entry. */
const recurring = new Map<number, string>();
const MAX_CACHED_STRINGS = 4096;
const MAX_CACHED_LENGTH = 128;

function sameAscii(text: string, bytes: Buffer, start: number, length: number): boolean {
  if (text.length !== length) return false;
  for (let index = 0; index < length; index++) if (text.charCodeAt(index) !== bytes[start + index]) return false;
  return true;
}

export class WireReader {
  readonly bytes: Buffer;
  pos = 0;
  /** The halves of the last varint64 or fixed64 read (JavaScript numbers hold 53 bits, not 64). */
  low = 0;
  high = 0;

  constructor(body: Uint8Array) {
    this.bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /**
   * Reads a varint into low/high; returns its length in bytes. Ten bytes at most, the tenth holding only the
   * 64th bit: protobufjs refuses longer ones, and drops bits past 64 only in some readers (bool keeps them).
   */
  #varint(end: number): number {
    const bytes = this.bytes;
    let pos = this.pos;
    let low = 0;
    let high = 0;
    let length = 0;
    for (;;) {
      if (pos >= end) throw UNSUPPORTED;
      const byte = bytes[pos++] as number;
      const bits = byte & 127;
      if (length < 4) low |= bits << (7 * length);
      else if (length === 4) {
        low |= bits << 28;
        high = bits >>> 4;
      } else high |= bits << (7 * length - 32);
      length++;
      if (length === 10 && byte > 1) throw UNSUPPORTED;
      if (byte < 128) break;
    }
    this.pos = pos;
    this.low = low;
    this.high = high;
    return length;
  }

  /** A varint's low 32 bits (enums, counts), as protobufjs's uint32 reads it. */
  uint32(end: number): number {
    const bytes = this.bytes;
    if (this.pos < end) {
      const first = bytes[this.pos] as number;
      if (first < 128) {
        this.pos++;
        return first;
      }
    }
    this.#varint(end);
    return this.low >>> 0;
  }

  int32(end: number): number {
    return this.uint32(end) | 0;
  }

  /** protobufjs's bool: true when any bit of the varint is set. */
  bool(end: number): boolean {
    this.#varint(end);
    return (this.low | this.high) !== 0;
  }

  /** A field tag: protobufjs accepts five bytes at most, the fifth holding only the top four bits. */
  tag(end: number): number {
    const bytes = this.bytes;
    if (this.pos < end) {
      const first = bytes[this.pos] as number;
      if (first < 128) {
        this.pos++;
        return first;
      }
    }
    const start = this.pos;
    const length = this.#varint(end);
    if (length > 5 || (length === 5 && ((bytes[start + 4] as number) & 0x70) !== 0)) throw UNSUPPORTED;
    return this.low >>> 0;
  }

  /** A length prefix: protobufjs accepts five bytes at most, below 2^31. */
  #size(end: number): number {
    const bytes = this.bytes;
    if (this.pos < end) {
      const first = bytes[this.pos] as number;
      if (first < 128) {
        this.pos++;
        return first;
      }
    }
    const start = this.pos;
    const length = this.#varint(end);
    if (length > 5 || (length === 5 && (bytes[start + 4] as number) > 7)) throw UNSUPPORTED;
    return this.low >>> 0;
  }

  /** A 64-bit varint into low/high. */
  varint64(end: number): void {
    this.#varint(end);
  }

  /** A fixed64 into low/high (little-endian). */
  fixed64(end: number): void {
    if (this.pos + 8 > end) throw UNSUPPORTED;
    this.low = this.bytes.readUInt32LE(this.pos);
    this.high = this.bytes.readUInt32LE(this.pos + 4);
    this.pos += 8;
  }

  double(end: number): number {
    if (this.pos + 8 > end) throw UNSUPPORTED;
    const value = this.bytes.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  skipFixed32(end: number): void {
    if (this.pos + 4 > end) throw UNSUPPORTED;
    this.pos += 4;
  }

  /**
   * Skips a field protobufjs skips: an unknown number, or a known one with another wire type. Groups,
   * invalid wire types and field number 0 (errors there) and over-long varints are left to it.
   */
  skip(tag: number, end: number): void {
    // protobufjs refuses field number 0.
    if (tag >>> 3 === 0) throw UNSUPPORTED;
    switch (tag & 7) {
      case WIRE_VARINT:
        this.#varint(end);
        return;
      case WIRE_FIXED64:
        if (this.pos + 8 > end) throw UNSUPPORTED;
        this.pos += 8;
        return;
      case WIRE_LENGTH_DELIMITED:
        this.pos = this.delimitedEnd(end);
        return;
      case WIRE_FIXED32:
        this.skipFixed32(end);
        return;
      default:
        throw UNSUPPORTED;
    }
  }

  /** The end offset of a length-delimited field whose length prefix comes next. */
  delimitedEnd(end: number): number {
    const size = this.#size(end);
    const fieldEnd = this.pos + size;
    if (fieldEnd > end) throw UNSUPPORTED;
    return fieldEnd;
  }

  /** A length-delimited string, strictly UTF-8 as protobufjs reads it (invalid text is left to it). */
  string(end: number): string {
    const fieldEnd = this.delimitedEnd(end);
    return this.#stringAt(this.pos, fieldEnd);
  }

  #stringAt(start: number, fieldEnd: number): string {
    this.pos = fieldEnd;
    if (start === fieldEnd) return '';
    const text = utf8Slice.call(this.bytes, start, fieldEnd);
    // The fast slice replaces invalid sequences with U+FFFD; only then is the strict decoder needed.
    if (!text.includes(REPLACEMENT_CHARACTER)) return text;
    try {
      return STRICT_UTF8.decode(this.bytes.subarray(start, fieldEnd));
    } catch {
      throw UNSUPPORTED;
    }
  }

  /**
   * A string that recurs across spans (attribute keys). Known ASCII texts come from a shared cache by their
   * bytes, saving the decoding and giving the same string object each time, which property lookups favour.
   */
  recurringString(end: number): string {
    const fieldEnd = this.delimitedEnd(end);
    const start = this.pos;
    const length = fieldEnd - start;
    if (length === 0 || length > MAX_CACHED_LENGTH) return this.#stringAt(start, fieldEnd);
    const bytes = this.bytes;
    let hash = length;
    let ascii = 0;
    for (let index = start; index < fieldEnd; index++) {
      const byte = bytes[index] as number;
      ascii |= byte;
      hash = Math.imul(hash ^ byte, 16_777_619);
    }
    if (ascii >= 128) return this.#stringAt(start, fieldEnd);
    const slot = hash & 0x3fffffff;
    const cached = recurring.get(slot);
    if (cached !== undefined && sameAscii(cached, bytes, start, length)) {
      this.pos = fieldEnd;
      return cached;
    }
    const text = this.#stringAt(start, fieldEnd);
    if (recurring.size >= MAX_CACHED_STRINGS) recurring.clear();
    recurring.set(slot, text);
    return text;
  }

  /** A length-delimited bytes field as [start, end) offsets into `bytes`. */
  bytesRange(end: number): number {
    const fieldEnd = this.delimitedEnd(end);
    const start = this.pos;
    this.pos = fieldEnd;
    return start;
  }

  /** Lower-case hex of `length` bytes at `start`, or '' when they are all zero (an id that is not set). */
  hexId(start: number, length: number): string {
    const bytes = this.bytes;
    for (let index = start; index < start + length; index++) {
      if (bytes[index] !== 0) return bytes.toString('hex', start, start + length);
    }
    return '';
  }

  base64(start: number, end: number): string {
    return this.bytes.toString('base64', start, end);
  }
}
