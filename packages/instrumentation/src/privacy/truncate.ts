/** Cuts `text` to `maxChars`, with a marker that says how much was cut. */
export function truncateText(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const cut = text.length - maxChars;
  return { text: `${text.slice(0, maxChars)}…[truncated ${cut} chars]`, truncated: true };
}
