// Token counts are word counts: predictable enough that a test can compute the expected usage by hand.

/** The mock's token count of a text: its number of whitespace-separated words. */
export function countTokens(text: string): number {
  let count = 0;
  for (const word of text.split(/\s+/)) if (word !== '') count++;
  return count;
}

/** Splits a text into stream chunks: one word per chunk, each but the first keeping its leading space. */
export function splitIntoChunks(text: string): string[] {
  const words = text.split(' ').filter((word) => word !== '');
  return words.map((word, index) => (index === 0 ? word : ` ${word}`));
}

/** The first `limit` words of a text (the whole text when it is shorter). */
export function firstWords(text: string, limit: number): string {
  const words = text.split(/\s+/).filter((word) => word !== '');
  return words.slice(0, limit).join(' ');
}
