// `sightline start`: parses flags and SIGHTLINE_* variables, starts the collector, stops cleanly on SIGINT/SIGTERM.
import { ApiKeyConfigError } from './auth/api-keys.ts';
import { parseStartOptions, StartOptionsError } from './config/start-options.ts';
import { createLogger } from './observability/logger.ts';
import { StartupError, startCollector } from './server/start-collector.ts';

const USAGE =
  'usage: sightline start [--port 4318] [--host 127.0.0.1] [--data-dir .sightline] [--clickhouse-url URL] [--retention-days 30] [--api-keys project:key,...] [--prices-file prices.yaml]';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'start') {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === '--help' ? 0 : 2;
  }
  let options: ReturnType<typeof parseStartOptions>;
  try {
    options = parseStartOptions(rest, process.env);
  } catch (error) {
    if (error instanceof StartOptionsError) {
      process.stderr.write(`sightline start: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger(options.logLevel);
  try {
    const collector = await startCollector(options, logger);
    process.stderr.write(
      `\nSightline is running at ${collector.url}\n  send OTLP to ${collector.url}/v1/traces (OTEL_EXPORTER_OTLP_ENDPOINT=${collector.url})\n  demo traffic: node sightline.mjs demo (another terminal)\n\n`,
    );
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping: flushing queued spans');
      await collector.close();
      logger.info('stopped');
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    return -1;
  } catch (error) {
    if (error instanceof StartupError || error instanceof ApiKeyConfigError) {
      logger.fatal(error.message);
      process.stderr.write(`sightline start: ${error.message}\n`);
      return 1;
    }
    logger.fatal({ err: error }, 'failed to start');
    process.stderr.write(`sightline start: ${(error as Error).message}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
if (code >= 0) process.exit(code);
