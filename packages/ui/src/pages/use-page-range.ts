import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { rangeFromParams, type TimeRange, writeRange } from '../state/time-range.ts';

/** The page's time range, kept in the URL (`range` or `from`/`to`). */
export function usePageRange(fallback: TimeRange): [TimeRange, (range: TimeRange) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = searchParams.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for searchParams
  const range = useMemo(() => rangeFromParams(searchParams, fallback), [key]);
  const setRange = (next: TimeRange) => {
    const params = new URLSearchParams(searchParams);
    writeRange(params, next);
    setSearchParams(params);
  };
  return [range, setRange];
}
