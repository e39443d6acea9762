// `pnpm demo`: sends a minute of varied LLM traffic from an instrumented sample app to a collector.
import { DEMO_USAGE, DemoOptionsError, parseDemoOptions } from './demo-options.ts';
import { DemoError, type DemoSummary, runDemo } from './run-demo.ts';

function printSummary(summary: DemoSummary, collector: string): void {
  console.log(
    `\nSent ${summary.traces} traces (${summary.llmRequests} LLM requests) in ${(summary.elapsedMs / 1000).toFixed(1)} s:`,
  );
  for (const [scenario, results] of Object.entries(summary.results)) {
    const parts = Object.entries(results).map(([result, count]) => `${count} ${result}`);
    console.log(`  ${scenario.padEnd(22)} ${parts.join(', ')}`);
  }
  if (summary.droppedSpans > 0) console.log(`  (${summary.droppedSpans} spans could not be exported)`);
  console.log(`\nOpen ${collector} to explore them.`);
}

try {
  const parsed = parseDemoOptions(process.argv.slice(2), process.env);
  if (parsed.help) {
    console.log(DEMO_USAGE);
  } else {
    const { options } = parsed;
    const limit = [
      options.traces === undefined ? undefined : `${options.traces} traces`,
      options.durationMs === undefined ? undefined : `${options.durationMs / 1000} s`,
    ]
      .filter(Boolean)
      .join(' or ');
    console.log(
      `Sightline demo: ${limit} at ${options.rate} traces/s to ${options.collector} (seed ${options.seed}, latency ${options.latency})`,
    );
    const summary = await runDemo(options, options.quiet ? undefined : (line) => console.log(line));
    printSummary(summary, options.collector);
  }
} catch (error) {
  if (error instanceof DemoOptionsError || error instanceof DemoError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
