import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { QueryState } from './query-state.tsx';

afterEach(cleanup);

describe('QueryState', () => {
  it('turns a 401 into a clear prompt for the API key', () => {
    render(<QueryState error={new ApiError(401, 'missing or invalid API key')} loading={false} />);
    expect(screen.getByRole('alert').textContent).toMatch(/API key required/);
  });

  it('shows the API message for other errors and the content otherwise', () => {
    const { rerender } = render(
      <QueryState error={new ApiError(400, 'invalid query: from: bad date')} loading={false} />,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/invalid query: from: bad date/);
    rerender(
      <QueryState error={null} loading={false}>
        <p>content</p>
      </QueryState>,
    );
    expect(screen.getByText('content')).toBeTruthy();
  });
});
