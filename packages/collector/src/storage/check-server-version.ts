/**
 * The oldest ClickHouse server Sightline's SQL supports. 24.3 (LTS) is the first release where the
 * new query analyzer is on by default: the schema and queries are written and tested against its
 * name resolution (chDB 3.4 = 26.7). Features used that need ≥ 23.x: ReplacingMergeTree's
 * is_deleted column (23.2), query parameters in every clause, named-tuple JSON input.
 */
export const MINIMUM_SERVER_VERSION = '24.3';

export interface ServerVersionCheckOptions {
  url: string;
  username?: string;
  password?: string;
  minimum?: string;
  /** Abort the probe after this long. Default 10 s. */
  timeoutMs?: number;
}

/** The server is too old, or did not answer the version probe. The message is meant for an operator. */
export class ServerVersionError extends Error {
  override readonly name = 'ServerVersionError';
  readonly found: string | undefined;
  readonly required: string;

  constructor(message: string, found: string | undefined, required: string) {
    super(message);
    this.found = found;
    this.required = required;
  }
}

/**
 * Asks the server for `version()` with a bare HTTP GET (no client settings, no session, no
 * compression), which every ClickHouse release since 1.1 answers, and refuses versions older than
 * the minimum. Returns the version found.
 */
export async function checkServerVersion(options: ServerVersionCheckOptions): Promise<string> {
  const required = options.minimum ?? MINIMUM_SERVER_VERSION;
  const target = new URL(options.url);
  const username = options.username ?? decodeURIComponent(target.username);
  const password = options.password ?? decodeURIComponent(target.password);
  target.username = '';
  target.password = '';
  const shown = target.origin;
  target.pathname = '/';
  target.search = '';
  target.searchParams.set('query', 'SELECT version()');
  const headers: Record<string, string> = {};
  if (username !== '') {
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  let body: string;
  try {
    const response = await fetch(target, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
    body = (await response.text()).trim();
    if (!response.ok) {
      throw new ServerVersionError(
        `ClickHouse at ${shown} refused the version query (HTTP ${response.status}): ${body.slice(0, 300)}`,
        undefined,
        required,
      );
    }
  } catch (error) {
    if (error instanceof ServerVersionError) throw error;
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : '';
    throw new ServerVersionError(
      `cannot reach ClickHouse at ${shown} to check its version: ${reason || String(error)}`,
      undefined,
      required,
    );
  }
  const found = /^\d+(\.\d+)*/.exec(body)?.[0];
  if (found === undefined) {
    throw new ServerVersionError(
      `ClickHouse at ${shown} answered the version query with ${JSON.stringify(body.slice(0, 100))}, not a version`,
      undefined,
      required,
    );
  }
  if (compareVersions(found, required) < 0) {
    throw new ServerVersionError(
      `ClickHouse at ${shown} is version ${found}, but Sightline requires ClickHouse ${required} or newer. ` +
        'Upgrade the server, or use the embedded engine (storage kind "chdb").',
      found,
      required,
    );
  }
  return found;
}

/** Compares dotted numeric versions: negative when a < b. Missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
