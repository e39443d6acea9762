import {
  InstrumentationBase,
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import { safely } from '../diagnostics/safely.ts';
import { INSTRUMENTATION_VERSION } from '../runtime/tracer.ts';
import { patchAnthropic, unpatchAnthropic } from './patch-anthropic.ts';

/** Auto-instruments `@anthropic-ai/sdk` (0.20 to 1.x), loaded by require() or import. */
export class AnthropicInstrumentation extends InstrumentationBase {
  constructor(config: InstrumentationConfig = {}) {
    super('@sightline/instrumentation/anthropic', INSTRUMENTATION_VERSION, config);
  }

  protected init() {
    return new InstrumentationNodeModuleDefinition(
      '@anthropic-ai/sdk',
      ['>=0.20.0 <2'],
      (moduleExports) => {
        safely('patching @anthropic-ai/sdk', () => patchAnthropic(moduleExports));
        return moduleExports;
      },
      (moduleExports) => {
        if (moduleExports) safely('unpatching @anthropic-ai/sdk', () => unpatchAnthropic(moduleExports));
      },
    );
  }
}
