import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { formatDuration } from '../format.ts';
import { useVirtualRows } from '../hooks/use-virtual-rows.ts';
import { ancestorsOf, type SpanTree, visibleNodes } from './span-tree.ts';

const ROW_HEIGHT = 28;
const INDENT_PX = 12;
/** Deeper levels stop indenting, so a very deep agent chain stays on screen (the level is still announced). */
const MAX_INDENT_LEVELS = 30;

interface SpanWaterfallProps {
  tree: SpanTree;
  selectedId: string | undefined;
  onSelect: (spanId: string) => void;
}

/**
 * The span tree and its timeline side by side, one virtualised list so both stay aligned.
 * Keyboard: ↑/↓ move, → expands or enters, ← collapses or goes to the parent, Home/End.
 */
export function SpanWaterfall({ tree, selectedId, onSelect }: SpanWaterfallProps) {
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const visible = useMemo(() => visibleNodes(tree, collapsed), [tree, collapsed]);
  const positionOf = useMemo(() => {
    const positions = new Map<number, number>();
    for (const [position, nodeIndex] of visible.entries()) positions.set(nodeIndex, position);
    return positions;
  }, [visible]);
  const scroller = useRef<HTMLDivElement>(null);
  const rowWindow = useVirtualRows(scroller, visible.length, ROW_HEIGHT);
  const totalUs = Math.max(tree.endUs - tree.startUs, 1);
  const selectedIndex = selectedId === undefined ? undefined : tree.indexById.get(selectedId);
  const selectedPosition = selectedIndex === undefined ? undefined : positionOf.get(selectedIndex);

  // A selected span hidden in a collapsed subtree (e.g. opened from a link) is revealed.
  useEffect(() => {
    if (selectedIndex === undefined || positionOf.has(selectedIndex)) return;
    const ancestors = ancestorsOf(tree, selectedIndex);
    setCollapsed((previous) => new Set([...previous].filter((id) => !ancestors.includes(id))));
  }, [selectedIndex, positionOf, tree]);
  useEffect(() => {
    if (selectedPosition !== undefined) rowWindow.reveal(selectedPosition);
  }, [selectedPosition, rowWindow.reveal]);

  const toggle = (spanId: string) =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (!next.delete(spanId)) next.add(spanId);
      return next;
    });
  const selectAt = (position: number) => {
    const nodeIndex = visible[Math.max(0, Math.min(position, visible.length - 1))];
    if (nodeIndex !== undefined) onSelect(tree.nodes[nodeIndex]!.span.spanId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const position = selectedPosition ?? -1;
    const node = selectedIndex === undefined ? undefined : tree.nodes[selectedIndex];
    let handled = true;
    if (event.key === 'ArrowDown') selectAt(position + 1);
    else if (event.key === 'ArrowUp') selectAt(Math.max(position - 1, 0));
    else if (event.key === 'Home') selectAt(0);
    else if (event.key === 'End') selectAt(visible.length - 1);
    else if (event.key === 'PageDown') selectAt(position + 20);
    else if (event.key === 'PageUp') selectAt(Math.max(position - 20, 0));
    else if (event.key === 'ArrowRight' && node && node.childCount > 0) {
      if (collapsed.has(node.span.spanId)) toggle(node.span.spanId);
      else selectAt(position + 1);
    } else if (event.key === 'ArrowLeft' && node) {
      if (node.childCount > 0 && !collapsed.has(node.span.spanId)) toggle(node.span.spanId);
      else if (node.parentIndex >= 0) onSelect(tree.nodes[node.parentIndex]!.span.spanId);
    } else if ((event.key === 'Enter' || event.key === ' ') && node && node.childCount > 0) toggle(node.span.spanId);
    else handled = false;
    if (handled) event.preventDefault();
  };

  const rows = [];
  for (let position = rowWindow.first; position < rowWindow.last; position += 1) {
    const nodeIndex = visible[position]!;
    const node = tree.nodes[nodeIndex]!;
    const { span } = node;
    const isCollapsed = collapsed.has(span.spanId);
    const left = ((span.startTimeUnixUs - tree.startUs) / totalUs) * 100;
    const width = Math.max(((span.endTimeUnixUs - span.startTimeUnixUs) / totalUs) * 100, 0.15);
    const isError = span.status === 'ERROR' || span.errorType !== '';
    const selected = span.spanId === selectedId;
    rows.push(
      // Rows are not tab stops: the tree is one tab stop that moves an active descendant with the arrow keys.
      // biome-ignore lint/a11y/useFocusableInteractive: focus stays on the tree (aria-activedescendant)
      // biome-ignore lint/a11y/useKeyWithClickEvents: the tree's onKeyDown handles the keyboard
      <div
        key={span.spanId}
        id={`span-row-${span.spanId}`}
        role="treeitem"
        aria-level={node.depth + 1}
        aria-expanded={node.childCount > 0 ? !isCollapsed : undefined}
        aria-selected={selected}
        aria-label={`${span.name}, ${span.spanType}, ${formatDuration((span.endTimeUnixUs - span.startTimeUnixUs) / 1000)}${isError ? ', error' : ''}`}
        className={`span-row${selected ? ' selected' : ''}${isError ? ' error' : ''}`}
        style={{ top: position * ROW_HEIGHT, height: ROW_HEIGHT }}
        onClick={() => onSelect(span.spanId)}
      >
        <div className="tree-cell" style={{ paddingLeft: 6 + Math.min(node.depth, MAX_INDENT_LEVELS) * INDENT_PX }}>
          {node.childCount > 0 ? (
            <button
              type="button"
              tabIndex={-1}
              className="toggle"
              aria-label={isCollapsed ? `Expand ${node.childCount} children` : 'Collapse'}
              onClick={(event) => {
                event.stopPropagation();
                toggle(span.spanId);
              }}
            >
              {isCollapsed ? '▸' : '▾'}
            </button>
          ) : (
            <span className="toggle-spacer" />
          )}
          <span className={`type-badge type-${span.spanType}`}>{span.spanType}</span>
          <span className="span-name" title={span.name}>
            {span.name || '(unnamed span)'}
          </span>
          {isCollapsed && <span className="muted small"> +{node.subtreeEnd - nodeIndex - 1}</span>}
          {node.depth > MAX_INDENT_LEVELS && <span className="muted small"> (level {node.depth + 1})</span>}
        </div>
        <div className="timeline-cell">
          <div className={`bar type-${span.spanType}`} style={{ left: `${left}%`, width: `${width}%` }} />
          <span className="bar-label" style={{ left: `${Math.min(left + width, 88)}%` }}>
            {formatDuration((span.endTimeUnixUs - span.startTimeUnixUs) / 1000)}
          </span>
        </div>
      </div>,
    );
  }

  return (
    <div className="waterfall">
      <div className="waterfall-header" aria-hidden="true">
        <div className="tree-cell">Span ({tree.nodes.length})</div>
        <div className="timeline-cell axis">
          {[0, 0.25, 0.5, 0.75].map((fraction) => (
            <span key={fraction} style={{ left: `${fraction * 100}%` }}>
              {formatDuration((totalUs * fraction) / 1000)}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        className="waterfall-body"
        role="tree"
        aria-label="Span tree and timeline"
        tabIndex={0}
        aria-activedescendant={selectedId && selectedPosition !== undefined ? `span-row-${selectedId}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div role="presentation" className="waterfall-canvas" style={{ height: rowWindow.totalHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
