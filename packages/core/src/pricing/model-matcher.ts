// Compiles the `match` of a price override: an exact model id or a `/pattern/flags` regular expression.

const REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/s;

/** A matcher for a `match` value, or an error message when it is an invalid regular expression. */
export function compileModelMatcher(match: string): ((model: string) => boolean) | string {
  const literal = REGEX_LITERAL.exec(match);
  if (!literal) {
    const exact = match.toLowerCase();
    return (model) => model.toLowerCase() === exact;
  }
  const [, pattern = '', flags = ''] = literal;
  // g and y make test() stateful (lastIndex), which would make matching depend on call history.
  if (/[^imsu]/.test(flags)) return `unsupported regular expression flags "${flags}" (allowed: i, m, s, u)`;
  try {
    const expression = new RegExp(pattern, flags);
    return (model) => expression.test(model);
  } catch (error) {
    return `invalid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}
