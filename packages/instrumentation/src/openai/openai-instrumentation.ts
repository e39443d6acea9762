import {
  InstrumentationBase,
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
} from '@opentelemetry/instrumentation';
import { safely } from '../diagnostics/safely.ts';
import { INSTRUMENTATION_VERSION } from '../runtime/tracer.ts';
import { patchOpenAI, unpatchOpenAI } from './patch-openai.ts';

/** Auto-instruments the `openai` package (v4 to v7), loaded by require() or import. */
export class OpenAIInstrumentation extends InstrumentationBase {
  constructor(config: InstrumentationConfig = {}) {
    super('@sightline/instrumentation/openai', INSTRUMENTATION_VERSION, config);
  }

  protected init() {
    return new InstrumentationNodeModuleDefinition(
      'openai',
      ['>=4.0.0 <8'],
      (moduleExports) => {
        safely('patching openai', () => patchOpenAI(moduleExports));
        return moduleExports;
      },
      (moduleExports) => {
        if (moduleExports) safely('unpatching openai', () => unpatchOpenAI(moduleExports));
      },
    );
  }
}
