import type { InstrumentationBase } from '@opentelemetry/instrumentation';
import { AnthropicInstrumentation } from '../anthropic/anthropic-instrumentation.ts';
import { patchAnthropic, unpatchAnthropic } from '../anthropic/patch-anthropic.ts';
import { safely } from '../diagnostics/safely.ts';
import { OpenAIInstrumentation } from '../openai/openai-instrumentation.ts';
import { patchOpenAI, unpatchOpenAI } from '../openai/patch-openai.ts';
import { requiredAppModule } from './loaded-modules.ts';
import type { InitOptions } from './options.ts';

export interface SdkPatcher {
  /** The package name the app imports. */
  packageName: string;
  patch(moduleExports: unknown): string[];
  unpatch(moduleExports: unknown): void;
}

export const OPENAI: SdkPatcher = { packageName: 'openai', patch: patchOpenAI, unpatch: unpatchOpenAI };
export const ANTHROPIC: SdkPatcher = {
  packageName: '@anthropic-ai/sdk',
  patch: patchAnthropic,
  unpatch: unpatchAnthropic,
};

export interface EnabledSdks {
  openai: boolean;
  anthropic: boolean;
}

export function enabledSdks(options: InitOptions): EnabledSdks {
  return { openai: options.instrumentations?.openai ?? true, anthropic: options.instrumentations?.anthropic ?? true };
}

/** The module-hook instrumentations, created disabled (registerInstrumentations enables them). */
export function createInstrumentations(enabled: EnabledSdks): InstrumentationBase[] {
  const instrumentations: InstrumentationBase[] = [];
  if (enabled.openai) instrumentations.push(new OpenAIInstrumentation({ enabled: false }));
  if (enabled.anthropic) instrumentations.push(new AnthropicInstrumentation({ enabled: false }));
  return instrumentations;
}

/**
 * Patches SDK modules the hooks cannot see: ones the app passed in `modules`, and CJS copies it
 * required before Sightline. Returns an undo for each.
 */
export function patchLoadedModules(options: InitOptions, enabled: EnabledSdks): Array<() => void> {
  const undo: Array<() => void> = [];
  const candidates: Array<[SdkPatcher, unknown]> = [];
  if (enabled.openai) candidates.push([OPENAI, options.modules?.openai ?? requiredAppModule(OPENAI.packageName)]);
  if (enabled.anthropic)
    candidates.push([ANTHROPIC, options.modules?.anthropic ?? requiredAppModule(ANTHROPIC.packageName)]);
  for (const [patcher, moduleExports] of candidates) {
    if (moduleExports === undefined) continue;
    const patched = safely(`patching ${patcher.packageName}`, () => patcher.patch(moduleExports)) ?? [];
    if (patched.length > 0) undo.push(() => patcher.unpatch(moduleExports));
  }
  return undo;
}
