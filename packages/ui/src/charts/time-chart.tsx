import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import { isolatedPoints, timeRange } from './chart-points.ts';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

interface TimeChartProps {
  title: string;
  /** Bucket starts, Unix seconds. */
  buckets: number[];
  series: ChartSeries[];
  format: (value: number) => string;
  /** Bucket width in seconds (the x range of a chart with one bucket). */
  bucketSeconds: number;
  /** Bars for counts per bucket, lines for rates and percentiles. */
  kind?: 'line' | 'bars';
  height?: number;
}

const PALETTE = ['#3b82f6', '#f97316', '#10b981', '#a855f7', '#ef4444', '#eab308', '#06b6d4', '#ec4899', '#64748b'];

export function seriesColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

function cssVariable(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/**
 * A uPlot time-series chart (canvas: fast with long series). The legend is React text, so series
 * names (model, prompt and user names) never reach the DOM as HTML.
 */
export function TimeChart({
  title,
  buckets,
  series,
  bucketSeconds,
  format,
  kind = 'line',
  height = 180,
}: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const [themeVersion, setThemeVersion] = useState(0);
  const [hover, setHover] = useState<number | null>(null);

  useEffect(() => {
    const onTheme = () => setThemeVersion((version) => version + 1);
    window.addEventListener('sightline-theme', onTheme);
    return () => window.removeEventListener('sightline-theme', onTheme);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: themeVersion redraws the chart in the new theme's colours
  useEffect(() => {
    const element = host.current;
    if (!element || typeof ResizeObserver !== 'function') return;
    const axisColor = cssVariable('--text-muted', '#6b7280');
    const gridColor = cssVariable('--border', '#e5e7eb');
    const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } };
    const bars = uPlot.paths.bars?.({ size: [0.7, 40], align: 1 });
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, range: (_chart, min, max) => timeRange(min, max, bucketSeconds) } },
      axes: [axis, { ...axis, size: 64, values: (_chart, ticks) => ticks.map((tick) => format(tick)) }],
      series: [
        {},
        ...series.map((entry, index) => ({
          label: entry.label,
          stroke: seriesColor(index),
          width: 2,
          spanGaps: false,
          // All points on short series; on long ones only values with no neighbour (no line reaches them).
          points: {
            show: buckets.length < 60,
            filter: (_chart: uPlot, _index: number, shown: boolean) => {
              const isolated = isolatedPoints(entry.values);
              return shown || isolated.length === 0 ? null : isolated;
            },
          },
          ...(kind === 'bars' && bars ? { paths: bars, fill: `${seriesColor(index)}88` } : {}),
        })),
      ],
      hooks: {
        setCursor: [(chart) => setHover(chart.cursor.idx ?? null)],
      },
    };
    const data = [buckets, ...series.map((entry) => entry.values)] as uPlot.AlignedData;
    const chart = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [buckets, series, bucketSeconds, format, kind, height, themeVersion]);

  const at = hover ?? buckets.length - 1;
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <div ref={host} className="chart-canvas" role="img" aria-label={`${title} over time`} />
      <ul className="chart-legend">
        {series.map((entry, index) => (
          <li key={entry.label}>
            <span className="swatch" style={{ background: seriesColor(index) }} aria-hidden="true" />
            {entry.label}
            <span className="muted">
              {' '}
              {at >= 0 && entry.values[at] !== null && entry.values[at] !== undefined ? format(entry.values[at]!) : '—'}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
