// Summarises the overhead bench's rounds: a table per variant, then Sightline's targets with PASS/MISS.
import type { ChildFigures } from './overhead-child.ts';
import type { Variant } from './overhead-variants.ts';

const MB = 1024 * 1024;
const PEERS: readonly Variant[] = ['openllmetry', 'openinference'];

/** One round: every variant measured back to back, so each is compared with the baseline of its own round. */
export type Round = Map<Variant, ChildFigures & { exportedBytesPerCall: number }>;

type Measure = 'nonStreaming' | 'streaming' | 'nonStreamingCpu' | 'streamingCpu' | 'startup' | 'rss' | 'heap';
type PairedMeasure = 'pairedNonStreamingMicros' | 'pairedStreamingMicros';

const READ: Record<Measure, (figures: ChildFigures) => number> = {
  nonStreaming: (figures) => figures.nonStreamingMicros,
  streaming: (figures) => figures.streamingMicros,
  nonStreamingCpu: (figures) => figures.nonStreamingCpuMicros,
  streamingCpu: (figures) => figures.streamingCpuMicros,
  startup: (figures) => figures.startupMs,
  rss: (figures) => figures.rssBytes / MB,
  heap: (figures) => figures.heapBytes / MB,
};

export function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The variant's median of a measure over the rounds. */
function level(rounds: readonly Round[], variant: Variant, measure: Measure): number {
  return median(rounds.flatMap((round) => (round.has(variant) ? [READ[measure](round.get(variant)!)] : [])));
}

/** The variant's in-process paired figure (already an addition), median over rounds; NaN when it has none. */
function paired(rounds: readonly Round[], variant: Variant, measure: PairedMeasure): number {
  const values = rounds.flatMap((round) => {
    const value = round.get(variant)?.[measure];
    return typeof value === 'number' ? [value] : [];
  });
  return values.length > 0 ? median(values) : Number.NaN;
}

/**
 * What the variant adds over uninstrumented: the median over rounds of the difference within each
 * round (paired), so drift on the machine between rounds cancels out.
 */
function added(rounds: readonly Round[], variant: Variant, measure: Measure): number {
  const differences = rounds.flatMap((round) => {
    const figures = round.get(variant);
    const base = round.get('uninstrumented');
    return figures && base ? [READ[measure](figures) - READ[measure](base)] : [];
  });
  return median(differences);
}

const cell = (value: number, width: number, digits = 0) => value.toFixed(digits).padStart(width);
const signed = (value: number, width: number, digits = 0) =>
  `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`.padStart(width);

export function printSummary(rounds: readonly Round[], variants: readonly Variant[]): void {
  console.log(
    '\nmedian of rounds; "+" is the median over rounds of the difference to uninstrumented in the same round',
  );
  console.log(
    `${'variant'.padEnd(15)} ${'non-stream µs'.padStart(17)} ${'stream µs'.padStart(17)} ${'CPU/call µs'.padStart(17)} ` +
      `${'stream CPU µs'.padStart(17)} ${'start-up ms'.padStart(15)} ${'RSS MB'.padStart(13)} ${'heap MB'.padStart(14)} ` +
      `${'growth MB'.padStart(10)} ${'export KB/call'.padStart(15)} ${'in-process + µs'.padStart(16)}`,
  );
  for (const variant of variants) {
    const pair = (measure: Measure, width: number, digits = 0) =>
      `${cell(level(rounds, variant, measure), width - 8, digits)} ${signed(added(rounds, variant, measure), 7, digits)}`;
    const growth = median(
      rounds.flatMap((round) => (round.has(variant) ? [round.get(variant)!.heapGrowthBytes / MB] : [])),
    );
    const exported = median(
      rounds.flatMap((round) => (round.has(variant) ? [round.get(variant)!.exportedBytesPerCall / 1024] : [])),
    );
    const inProcess = `${signed(paired(rounds, variant, 'pairedNonStreamingMicros'), 7)} /${signed(paired(rounds, variant, 'pairedStreamingMicros'), 7)}`;
    console.log(
      `${variant.padEnd(15)} ${pair('nonStreaming', 17)} ${pair('streaming', 17)} ${pair('nonStreamingCpu', 17)} ` +
        `${pair('streamingCpu', 17)} ${pair('startup', 15)} ${pair('rss', 13)} ${pair('heap', 14, 1)} ` +
        `${cell(growth, 10, 1)} ${cell(exported, 15, 2)} ${inProcess.padStart(16)}`,
    );
  }
  console.log(
    'in-process: median call with the patch minus without, small blocks alternating in the same process (non-streaming / streaming);\n' +
      'CPU/call: main-thread CPU per sequential call, with what runs between calls (span export, batched span ends, GC)',
  );
}

/**
 * The targets: Sightline's added time per call at most half the best peer's (non-streaming
 * and streaming), added memory and heap growth under 20 MB, added start-up under 150 ms. The CPU
 * lines apply the time target to main-thread CPU per call, which machine load moves less.
 */
export function printTargets(rounds: readonly Round[], variants: readonly Variant[]): void {
  if (!variants.includes('sightline') || !variants.includes('uninstrumented')) return;
  const peers = PEERS.filter((peer) => variants.includes(peer));
  const halfBestPeer = (measure: Measure) => Math.min(...peers.map((peer) => added(rounds, peer, measure))) / 2;
  const halfBestPeerPaired = (measure: PairedMeasure) =>
    Math.min(...peers.map((peer) => paired(rounds, peer, measure)).filter((value) => !Number.isNaN(value))) / 2;
  const growth = median(rounds.map((round) => (round.get('sightline')?.heapGrowthBytes ?? 0) / MB));
  const targets: Array<[string, number, number, string]> = [];
  if (peers.length > 0) {
    targets.push(
      [
        'added time per non-streaming call (median wall)',
        added(rounds, 'sightline', 'nonStreaming'),
        halfBestPeer('nonStreaming'),
        'µs',
      ],
      [
        'added time per streaming call (median wall)',
        added(rounds, 'sightline', 'streaming'),
        halfBestPeer('streaming'),
        'µs',
      ],
      [
        'added CPU per non-streaming call',
        added(rounds, 'sightline', 'nonStreamingCpu'),
        halfBestPeer('nonStreamingCpu'),
        'µs',
      ],
      ['added CPU per streaming call', added(rounds, 'sightline', 'streamingCpu'), halfBestPeer('streamingCpu'), 'µs'],
      [
        'added time per non-streaming call (in-process, alternating blocks)',
        paired(rounds, 'sightline', 'pairedNonStreamingMicros'),
        halfBestPeerPaired('pairedNonStreamingMicros'),
        'µs',
      ],
      [
        'added time per streaming call (in-process, alternating blocks)',
        paired(rounds, 'sightline', 'pairedStreamingMicros'),
        halfBestPeerPaired('pairedStreamingMicros'),
        'µs',
      ],
    );
  }
  targets.push(
    ['added memory (RSS)', added(rounds, 'sightline', 'rss'), 20, 'MB'],
    ['added memory (heap after GC)', added(rounds, 'sightline', 'heap'), 20, 'MB'],
    ['heap growth over the measured calls', growth, 20, 'MB'],
    ['added start-up', added(rounds, 'sightline', 'startup'), 150, 'ms'],
  );
  console.log(
    "\nSightline targets: time per call at most half the best peer's, memory and growth under 20 MB, start-up under 150 ms",
  );
  for (const [name, value, limit, unit] of targets) {
    console.log(
      `  ${value <= limit ? 'PASS' : 'MISS'} ${name}: ${value.toFixed(1)} ${unit} (limit ${limit.toFixed(1)} ${unit})`,
    );
  }
}
