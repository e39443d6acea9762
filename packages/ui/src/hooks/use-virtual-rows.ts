import { type RefObject, useCallback, useEffect, useState } from 'react';

/** Rows drawn above and below the viewport, so fast scrolling does not show blanks. */
const OVERSCAN = 12;

export interface VirtualWindow {
  first: number;
  last: number;
  totalHeight: number;
  /** Scrolls the container just enough to show a row. */
  reveal: (index: number) => void;
}

/**
 * Fixed-height row virtualisation: only rows in view (plus overscan) are rendered, so a
 * 10,000-row tree costs the same as a 50-row one.
 */
export function useVirtualRows(
  container: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
): VirtualWindow {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const onScroll = () => setScrollTop(element.scrollTop);
    element.addEventListener('scroll', onScroll, { passive: true });
    setViewport(element.clientHeight || 600);
    const observer =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => setViewport(element.clientHeight || 600))
        : undefined;
    observer?.observe(element);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [container]);

  const reveal = useCallback(
    (index: number) => {
      const element = container.current;
      if (!element) return;
      const top = index * rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + rowHeight > element.scrollTop + element.clientHeight)
        element.scrollTop = top + rowHeight - element.clientHeight;
    },
    [container, rowHeight],
  );

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + OVERSCAN);
  return { first, last, totalHeight: count * rowHeight, reveal };
}
