import type { ConventionAdapter } from '../types.ts';
import { anthropicSdkAdapter } from './anthropic-sdk.ts';
import { langfuseAdapter } from './langfuse.ts';
import { openInferenceAdapter } from './openinference.ts';
import { openlitAdapter } from './openlit.ts';
import { openllmetryAdapter } from './openllmetry.ts';
import { otelGenAiAdapter } from './otel-genai.ts';
import { sightlineAdapter } from './sightline.ts';
import { vercelAiAdapter } from './vercel-ai.ts';

/**
 * Every convention adapter, most specific first: for each canonical field the first adapter that
 * supplies it wins, and the generic OTel GenAI adapter comes last.
 */
export const ADAPTERS: readonly ConventionAdapter[] = [
  langfuseAdapter,
  vercelAiAdapter,
  openInferenceAdapter,
  openllmetryAdapter,
  openlitAdapter,
  anthropicSdkAdapter,
  sightlineAdapter,
  otelGenAiAdapter,
];
