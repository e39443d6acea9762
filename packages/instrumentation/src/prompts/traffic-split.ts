// Picks the version of an A/B split. Sticky selection hashes (prompt name, key) so a user or session
// keeps the same version across calls and processes without any shared state.
import type { TrafficSplit } from './prompt-config.ts';

/** FNV-1a, 32 bits: stable across processes and Node versions, fast enough for every call. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: FNV-1a alone barely moves its high bits when only the last character differs. */
function mix(hash: number): number {
  let mixed = hash ^ (hash >>> 16);
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}

/** A point in [0, 1) for this prompt and key. */
export function stickyPoint(promptName: string, key: string): number {
  return mix(fnv1a(`${promptName}\u0000${key}`)) / 0x1_0000_0000;
}

export interface SelectionKeys {
  /** Explicit key (wins over the context's user and session). */
  key?: string | undefined;
  userId?: string | undefined;
  sessionId?: string | undefined;
}

/** The key that decides stickiness, or undefined when every call should draw anew. */
export function stickyKey(split: TrafficSplit, keys: SelectionKeys): string | undefined {
  if (keys.key !== undefined) return keys.key;
  if (split.sticky === 'user') return keys.userId ?? keys.sessionId;
  if (split.sticky === 'session') return keys.sessionId ?? keys.userId;
  return undefined;
}

/** Maps a point in [0, 1) onto the weighted versions (in the order the config lists them). */
export function versionAt(split: TrafficSplit, point: number): string {
  const entries = Object.entries(split.weights).filter(([, weight]) => weight > 0);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let threshold = point * total;
  for (const [version, weight] of entries) {
    if (threshold < weight) return version;
    threshold -= weight;
  }
  // Rounding can leave the threshold a hair above the last bucket.
  return entries.at(-1)![0];
}

export function selectVersion(
  promptName: string,
  split: TrafficSplit,
  keys: SelectionKeys,
  random: () => number,
): string {
  const key = stickyKey(split, keys);
  return versionAt(split, key === undefined ? random() : stickyPoint(promptName, key));
}
