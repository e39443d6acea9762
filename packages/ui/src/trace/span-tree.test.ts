import { describe, expect, it } from 'vitest';
import type { OutlineSpan } from '../api/types.ts';
import { ancestorsOf, buildSpanTree, visibleNodes } from './span-tree.ts';

function span(spanId: string, parentSpanId: string, start: number): OutlineSpan {
  return {
    spanId,
    parentSpanId,
    name: spanId,
    startTimeUnixUs: start,
    endTimeUnixUs: start + 10,
    status: 'UNSET',
    spanType: 'other',
    errorType: '',
  };
}

describe('span tree', () => {
  it('orders depth-first with children by start time and records subtree ends', () => {
    const tree = buildSpanTree([
      span('c2', 'root', 30),
      span('root', '', 0),
      span('c1', 'root', 10),
      span('g1', 'c1', 12),
    ]);
    expect(tree.nodes.map((node) => [node.span.spanId, node.depth, node.subtreeEnd])).toEqual([
      ['root', 0, 4],
      ['c1', 1, 3],
      ['g1', 2, 3],
      ['c2', 1, 4],
    ]);
    expect(visibleNodes(tree, new Set(['c1']))).toEqual([0, 1, 3]);
    expect(visibleNodes(tree, new Set(['root']))).toEqual([0]);
    expect(ancestorsOf(tree, 2)).toEqual(['c1', 'root']);
  });

  it('keeps orphans as roots and handles a 10,000-deep chain without recursion', () => {
    const chain = Array.from({ length: 10_000 }, (_, index) =>
      span(`s${index}`, index === 0 ? '' : `s${index - 1}`, index),
    );
    const tree = buildSpanTree([...chain, span('orphan', 'missing', 5)]);
    expect(tree.nodes).toHaveLength(10_001);
    expect(tree.nodes[9_999]!.depth).toBe(9_999);
    expect(tree.nodes[0]!.subtreeEnd).toBe(10_000);
    expect(tree.nodes[10_000]!.span.spanId).toBe('orphan');
  });
});
