// Replaces what is specific to the machine and the run (paths, host name, pids, the mock's random port)
// with stable placeholders. Ids and timestamps are kept as they are.

export const PLACEHOLDER_PORT = 18080;

export interface SanitiseContext {
  /** Absolute path of the repository checkout. */
  repositoryRoot: string;
  homeDirectory: string;
  hostname: string;
  /** The node binary that ran the app. */
  executablePath: string;
  /** Port the mock LLM listened on during this run. */
  mockPort: number;
}

const PID_ATTRIBUTES: Record<string, number> = { 'process.pid': 4242, 'process.parent_pid': 4241 };
const PORT_ATTRIBUTES = new Set(['server.port', 'net.peer.port', 'url.port']);
const STRING_ATTRIBUTES: Record<string, string> = {
  'host.name': 'interop-host',
  'host.id': 'interop-host-id',
  'process.owner': 'interop',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function replaceAll(text: string, context: SanitiseContext): string {
  let result = text;
  const replacements: [string, string][] = [
    [context.executablePath, '/usr/local/bin/node'],
    [context.repositoryRoot, '/repo'],
    [context.homeDirectory, '/home/interop'],
    [`127.0.0.1:${context.mockPort}`, `127.0.0.1:${PLACEHOLDER_PORT}`],
    [`localhost:${context.mockPort}`, `localhost:${PLACEHOLDER_PORT}`],
  ];
  for (const [from, to] of replacements) {
    if (from !== '' && from !== '/') result = result.split(from).join(to);
  }
  // Host names can be short words ("vm"), so only a whole value that is the host name is replaced.
  return result === context.hostname ? 'interop-host' : result;
}

/** An OTLP KeyValue whose value is replaced when its key names something machine-specific. */
function sanitiseKeyValue(entry: { [key: string]: Json }, context: SanitiseContext): void {
  const key = entry.key;
  const value = entry.value;
  if (typeof key !== 'string' || typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const pid = PID_ATTRIBUTES[key];
  if (pid !== undefined && 'intValue' in value) value.intValue = typeof value.intValue === 'string' ? String(pid) : pid;
  if (PORT_ATTRIBUTES.has(key) && 'intValue' in value && Number(value.intValue) === context.mockPort) {
    value.intValue = typeof value.intValue === 'string' ? String(PLACEHOLDER_PORT) : PLACEHOLDER_PORT;
  }
  const text = STRING_ATTRIBUTES[key];
  if (text !== undefined && 'stringValue' in value) value.stringValue = text;
}

function visit(node: Json, context: SanitiseContext): Json {
  if (typeof node === 'string') return replaceAll(node, context);
  if (Array.isArray(node)) return node.map((item) => visit(item, context));
  if (node !== null && typeof node === 'object') {
    const result: { [key: string]: Json } = {};
    for (const [key, child] of Object.entries(node)) result[key] = visit(child, context);
    if (typeof result.key === 'string' && 'value' in result) sanitiseKeyValue(result, context);
    return result;
  }
  return node;
}

/** A sanitised deep copy of an OTLP/JSON body. */
export function sanitiseOtlpBody(body: unknown, context: SanitiseContext): unknown {
  return visit(body as Json, context);
}
