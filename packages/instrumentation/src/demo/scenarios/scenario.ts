import type { DemoApp } from '../demo-app.ts';
import type { Visitor } from '../population.ts';
import type { Random } from '../seeded-random.ts';

/** How a trace ended, besides throwing (which the runner counts as an error). */
export type Outcome = 'ok' | 'blocked' | 'cached' | 'invalid-output';

export interface Scenario {
  name: string;
  /** The Sightline context's feature for every span of the trace. */
  feature: string;
  /** Relative share of the traffic. */
  weight: number;
  run(app: DemoApp, trace: DemoTrace): Promise<Outcome>;
}

/** One trace's visitor and its own random stream, so its choices do not depend on timing. */
export interface DemoTrace {
  visitor: Visitor;
  random: Random;
}
