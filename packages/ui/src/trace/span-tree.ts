import type { OutlineSpan } from '../api/types.ts';

/** A span in tree (pre-)order with what the tree and waterfall need to draw it. */
export interface TreeNode {
  span: OutlineSpan;
  depth: number;
  /** Index of the first node after this node's subtree, in tree order. */
  subtreeEnd: number;
  childCount: number;
  parentIndex: number;
}

export interface SpanTree {
  nodes: TreeNode[];
  indexById: Map<string, number>;
  startUs: number;
  endUs: number;
}

/**
 * Orders spans depth-first, children by start time; spans whose parent is missing become roots.
 * Iterative, so a 10,000-level chain cannot overflow the stack.
 */
export function buildSpanTree(spans: readonly OutlineSpan[]): SpanTree {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string, OutlineSpan[]>();
  const roots: OutlineSpan[] = [];
  for (const span of spans) {
    if (span.parentSpanId === '' || !ids.has(span.parentSpanId) || span.parentSpanId === span.spanId) roots.push(span);
    else {
      const list = children.get(span.parentSpanId);
      if (list === undefined) children.set(span.parentSpanId, [span]);
      else list.push(span);
    }
  }
  // Byte order on ties: localeCompare costs a collator call per comparison (10,000-span traces).
  const byStart = (a: OutlineSpan, b: OutlineSpan) =>
    a.startTimeUnixUs - b.startTimeUnixUs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
  roots.sort(byStart);
  for (const list of children.values()) list.sort(byStart);

  const nodes: TreeNode[] = [];
  const indexById = new Map<string, number>();
  const stack: { span: OutlineSpan; depth: number; parentIndex: number }[] = [];
  for (let index = roots.length - 1; index >= 0; index -= 1)
    stack.push({ span: roots[index]!, depth: 0, parentIndex: -1 });
  const open: number[] = [];
  while (stack.length > 0) {
    const { span, depth, parentIndex } = stack.pop()!;
    if (indexById.has(span.spanId)) continue;
    // Close subtrees of nodes at this depth or deeper: their subtree ends here.
    while (open.length > 0 && nodes[open.at(-1)!]!.depth >= depth) nodes[open.pop()!]!.subtreeEnd = nodes.length;
    const own = children.get(span.spanId) ?? [];
    indexById.set(span.spanId, nodes.length);
    open.push(nodes.length);
    nodes.push({ span, depth, subtreeEnd: nodes.length + 1, childCount: own.length, parentIndex });
    const selfIndex = nodes.length - 1;
    for (let index = own.length - 1; index >= 0; index -= 1)
      stack.push({ span: own[index]!, depth: depth + 1, parentIndex: selfIndex });
  }
  while (open.length > 0) nodes[open.pop()!]!.subtreeEnd = nodes.length;

  let startUs = Number.POSITIVE_INFINITY;
  let endUs = 0;
  for (const span of spans) {
    startUs = Math.min(startUs, span.startTimeUnixUs);
    endUs = Math.max(endUs, span.endTimeUnixUs);
  }
  return { nodes, indexById, startUs: Number.isFinite(startUs) ? startUs : 0, endUs };
}

/** Tree-order indexes of the nodes shown when the given spans are collapsed. */
export function visibleNodes(tree: SpanTree, collapsed: ReadonlySet<string>): number[] {
  const visible: number[] = [];
  let index = 0;
  while (index < tree.nodes.length) {
    const node = tree.nodes[index]!;
    visible.push(index);
    index = collapsed.has(node.span.spanId) ? node.subtreeEnd : index + 1;
  }
  return visible;
}

/** Collapses every node deeper than `depth` that has children, so huge traces open readable. */
export function collapsedBeyond(tree: SpanTree, depth: number): Set<string> {
  const collapsed = new Set<string>();
  for (const node of tree.nodes) if (node.depth >= depth && node.childCount > 0) collapsed.add(node.span.spanId);
  return collapsed;
}

/** Every ancestor of a node, so it can be revealed. */
export function ancestorsOf(tree: SpanTree, index: number): string[] {
  const ancestors: string[] = [];
  let current = tree.nodes[index]?.parentIndex ?? -1;
  while (current >= 0) {
    ancestors.push(tree.nodes[current]!.span.spanId);
    current = tree.nodes[current]!.parentIndex;
  }
  return ancestors;
}
