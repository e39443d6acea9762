// `require("@sightline/instrumentation/auto")` and `node --require`: the same start as auto.ts,
// without top-level await (Node's require() of ES modules needs a synchronous module graph).
// require-in-the-middle sees every SDK the app requires afterwards.
import { startFromEnv } from './init/start-from-env.ts';

/** What the automatic start did (mode, dropped spans, flush, shutdown). */
export const sightline = startFromEnv().handle;
