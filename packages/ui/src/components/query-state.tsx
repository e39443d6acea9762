import type { ReactNode } from 'react';
import { ApiError } from '../api/client.ts';

/** Loading and error states of a query, with a clear prompt when the API wants a key. */
export function QueryState({ error, loading, children }: { error: unknown; loading: boolean; children?: ReactNode }) {
  if (error) {
    if (error instanceof ApiError && error.status === 401) {
      return (
        <div className="notice warning" role="alert">
          <strong>API key required.</strong> This collector has authentication on: use the “API key” button at the top
          to enter a key with read scope.
        </div>
      );
    }
    if (error instanceof ApiError && error.status === 403) {
      return (
        <div className="notice warning" role="alert">
          <strong>Not allowed.</strong> {error.message}
        </div>
      );
    }
    return (
      <div className="notice error" role="alert">
        <strong>Could not load this view.</strong> {error instanceof Error ? error.message : String(error)}
      </div>
    );
  }
  if (loading) {
    return (
      <div className="loading" role="status">
        Loading…
      </div>
    );
  }
  return <>{children}</>;
}
