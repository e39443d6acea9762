import { describe, expect, it } from 'vitest';
import { applyMasks, MASK_NAMES } from './masks.ts';

const all = MASK_NAMES;

describe('built-in masks', () => {
  it('masks email addresses', () => {
    expect(applyMasks('write to jane.doe+work@example.co.uk today', all)).toBe('write to [REDACTED_EMAIL] today');
  });

  it('masks phone numbers as people write them', () => {
    expect(applyMasks('call +1 (415) 555-0132 or 020 7946 0958', all)).toBe(
      'call [REDACTED_PHONE] or [REDACTED_PHONE]',
    );
    expect(applyMasks('mobile: +44 7700 900123.', all)).toBe('mobile: [REDACTED_PHONE].');
  });

  it('leaves dates, versions, amounts and ids alone', () => {
    const text = 'on 2024-01-15 version 1.2.3 cost 1234567 order #99812345 at 10:30';
    expect(applyMasks(text, all)).toBe(text);
  });

  it('masks card numbers that pass the Luhn check only', () => {
    expect(applyMasks('card 4111 1111 1111 1111 exp', all)).toBe('card [REDACTED_CARD] exp');
    expect(applyMasks('card 4111-1111-1111-1111', all)).toBe('card [REDACTED_CARD]');
    expect(applyMasks('tracking 4111111111111112', all)).toBe('tracking 4111111111111112');
  });

  it('masks API keys and bearer tokens', () => {
    expect(applyMasks('key sk-proj-abcdefghijklmnop1234 and sk-ant-api03-ZYXWVUTSRQPONMLK', all)).toBe(
      'key [REDACTED_API_KEY] and [REDACTED_API_KEY]',
    );
    expect(applyMasks('AKIAIOSFODNN7EXAMPLE ghp_0123456789abcdefghijklmnopqrstuvwxyz', all)).toBe(
      '[REDACTED_API_KEY] [REDACTED_API_KEY]',
    );
    expect(applyMasks('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig', all)).toBe(
      'Authorization: Bearer [REDACTED_API_KEY]',
    );
  });

  it('applies only the masks asked for', () => {
    expect(applyMasks('jane@example.com 4111 1111 1111 1111', ['card'])).toBe('jane@example.com [REDACTED_CARD]');
    expect(applyMasks('jane@example.com', [])).toBe('jane@example.com');
  });

  it('finds what it masks anywhere in a long text, and hands text with nothing to mask back as it was', () => {
    const filler = 'Orders ship within two business days; refunds take about a week. '.repeat(200);
    const text = `${filler}Reach me at jane@example.com, +44 7700 900123, card 4111 1111 1111 1111, key sk-proj-abcdefghijklmnop1234`;
    expect(applyMasks(text, all)).toBe(
      `${filler}Reach me at [REDACTED_EMAIL], [REDACTED_PHONE], card [REDACTED_CARD], key [REDACTED_API_KEY]`,
    );
    expect(applyMasks(filler, all)).toBe(filler);
  });

  it('masks the shortest shapes each mask accepts', () => {
    expect(applyMasks('call 0207 946 095 now', all)).toBe('call [REDACTED_PHONE] now');
    expect(applyMasks('card 4222222222222', all)).toBe('card [REDACTED_CARD]');
    expect(applyMasks('token xoxb-1234567890', all)).toBe('token [REDACTED_API_KEY]');
    expect(applyMasks('Bearer abcdefghijklmnopqrstuvwxyz', all)).toBe('Bearer [REDACTED_API_KEY]');
  });
});
