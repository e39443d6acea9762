import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutlineSpan } from '../api/types.ts';
import { buildSpanTree } from './span-tree.ts';
import { SpanWaterfall } from './span-waterfall.tsx';

afterEach(cleanup);

function span(spanId: string, parentSpanId: string, start: number, spanType = 'llm'): OutlineSpan {
  return {
    spanId,
    parentSpanId,
    name: `span ${spanId}`,
    startTimeUnixUs: start,
    endTimeUnixUs: start + 1000,
    status: 'UNSET',
    spanType,
    errorType: '',
  };
}

function Harness({ spans }: { spans: OutlineSpan[] }) {
  const [selected, setSelected] = useState<string | undefined>();
  return <SpanWaterfall tree={buildSpanTree(spans)} selectedId={selected} onSelect={setSelected} />;
}

const selectedLabel = () =>
  screen
    .getAllByRole('treeitem')
    .find((row) => row.getAttribute('aria-selected') === 'true')
    ?.getAttribute('aria-label');

describe('SpanWaterfall', () => {
  it('renders only the rows in view of a 10,000-span trace', () => {
    const spans = [
      span('root', '', 0, 'agent'),
      ...Array.from({ length: 9_999 }, (_, index) => span(`c${index}`, 'root', index + 1)),
    ];
    render(<Harness spans={spans} />);
    const rows = screen.getAllByRole('treeitem');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByText('Span (10000)')).toBeTruthy();
  });

  it('moves, collapses and expands with the keyboard', () => {
    render(
      <Harness
        spans={[span('root', '', 0, 'agent'), span('a', 'root', 10), span('a1', 'a', 20), span('b', 'root', 30)]}
      />,
    );
    const tree = screen.getByRole('tree');
    fireEvent.keyDown(tree, { key: 'Home' });
    expect(selectedLabel()).toMatch(/^span root/);
    fireEvent.keyDown(tree, { key: 'ArrowDown' });
    expect(selectedLabel()).toMatch(/^span a,/);
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(screen.getAllByRole('treeitem')).toHaveLength(3);
    expect(screen.getAllByRole('treeitem')[1]!.getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(screen.getAllByRole('treeitem')).toHaveLength(4);
    fireEvent.keyDown(tree, { key: 'ArrowRight' });
    expect(selectedLabel()).toMatch(/^span a1/);
    fireEvent.keyDown(tree, { key: 'ArrowLeft' });
    expect(selectedLabel()).toMatch(/^span a,/);
    fireEvent.keyDown(tree, { key: 'End' });
    expect(selectedLabel()).toMatch(/^span b/);
    expect(screen.getAllByRole('treeitem')[0]!.getAttribute('aria-level')).toBe('1');
  });
});
