// Built-in masks for personal data and secrets in captured prompt and completion text.

export const MASK_NAMES = ['email', 'phone', 'card', 'api_key'] as const;
export type MaskName = (typeof MASK_NAMES)[number];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// Phone numbers as people write them: an optional +country code, then groups split by spaces, dots,
// dashes or parentheses. A bare run of digits is not masked (ids, amounts), nor are dates.
const PHONE = /(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,6}){1,4}(?![\w-])/g;
const DATE_LIKE = /^\d{1,4}([-./])\d{1,2}\1\d{1,4}$/;

function looksLikePhone(match: string): boolean {
  const digits = digitCount(match);
  if (digits < 7 || digits > 15 || DATE_LIKE.test(match)) return false;
  // Without a country code or an area code in parentheses, ask for three groups and nine digits.
  if (match.startsWith('+') || match.includes('(')) return true;
  return digits >= 9 && (match.match(/[\s.-]/g)?.length ?? 0) >= 2;
}

// 13 to 19 digits, optionally grouped by spaces or dashes; masked only when the Luhn check passes.
const CARD = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

// Well-known secret shapes: OpenAI / Anthropic keys, AWS access key ids, GitHub, Slack and Google
// tokens, and bearer tokens in pasted headers.
const API_KEY =
  /\b(?:sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})\b|(?<=\bBearer\s+)[A-Za-z0-9._~+/-]{20,}=*/g;

function digitCount(text: string): number {
  let count = 0;
  for (const character of text) if (character >= '0' && character <= '9') count += 1;
  return count;
}

function passesLuhn(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

// Cheap necessary conditions checked before each mask's regular expression: most captured text holds
// no @, few digits and no key prefix, and the full expressions cost ~10-75 µs per 7 KB of text
// (the email and bearer patterns retry at every position).

/** Digits in `text`, counted up to `enough`. */
function digitsUpTo(text: string, enough: number): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57 && ++count >= enough) break;
  }
  return count;
}

// A phone match has a digit, a separator and a digit in a row (`\d{2,5}(?:[\s.-]\d{2,6})+`).
const DIGIT_SEPARATOR_DIGIT = /\d[\s.-]\d/;
const GITHUB_TOKEN_PREFIX = /gh[pousr]_/;

function mayHoldApiKey(text: string): boolean {
  return (
    text.includes('sk-') ||
    text.includes('AKIA') ||
    text.includes('AIza') ||
    text.includes('xox') ||
    text.includes('Bearer') ||
    (text.includes('_') && GITHUB_TOKEN_PREFIX.test(text))
  );
}

const MASKERS: Record<MaskName, (text: string) => string> = {
  email: (text) => (text.includes('@') ? text.replace(EMAIL, '[REDACTED_EMAIL]') : text),
  phone: (text) =>
    digitsUpTo(text, 7) >= 7 && DIGIT_SEPARATOR_DIGIT.test(text)
      ? text.replace(PHONE, (match) => (looksLikePhone(match) ? '[REDACTED_PHONE]' : match))
      : text,
  card: (text) =>
    digitsUpTo(text, 13) >= 13 ? text.replace(CARD, (match) => (passesLuhn(match) ? '[REDACTED_CARD]' : match)) : text,
  api_key: (text) => (mayHoldApiKey(text) ? text.replace(API_KEY, '[REDACTED_API_KEY]') : text),
};

// Cards before phones: a grouped card number also looks like a phone number.
const ORDER: readonly MaskName[] = ['api_key', 'email', 'card', 'phone'];

/** Applies the named masks to `text`. */
export function applyMasks(text: string, masks: readonly MaskName[]): string {
  let result = text;
  for (const name of ORDER) if (masks.includes(name)) result = MASKERS[name](result);
  return result;
}
