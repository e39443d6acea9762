import { takePrefetched } from './prefetch.ts';

/** An API answer other than 2xx, with the collector's message. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

// public/prefetch-outline.js reads the same key (a plain script: it cannot import this module).
const KEY_STORAGE = 'sightline.apiKey';

/** The API key lives in sessionStorage: entered once, kept for this browser session only. */
export const apiKeyStore = {
  get(): string | null {
    try {
      return sessionStorage.getItem(KEY_STORAGE);
    } catch {
      return null;
    }
  },
  set(key: string): void {
    sessionStorage.setItem(KEY_STORAGE, key);
  },
  clear(): void {
    sessionStorage.removeItem(KEY_STORAGE);
  },
};

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called whenever the API answers 401, so the app can ask for a key. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function errorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message;
  } catch {
    // not JSON: fall through to the status text
  }
  return `${response.status} ${response.statusText}`.trim();
}

/** Fetches JSON from the collector with the stored key; throws ApiError for non-2xx answers. */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const key = apiKeyStore.get();
  if (key) headers.set('authorization', `Bearer ${key}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const response = await (takePrefetched(path, init) ?? fetch(path, { ...init, headers }));
  if (!response.ok) {
    const error = new ApiError(response.status, await errorMessage(response));
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    throw error;
  }
  return (await response.json()) as T;
}

/** A query string from defined, non-empty values. */
export function queryString(values: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
