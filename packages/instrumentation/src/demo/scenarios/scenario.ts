import type { DemoApp } from '../demo-app.ts';
import type { Visitor } from '../population.ts';

/** How a trace ended, besides throwing (which the runner counts as an error). */
export type Outcome = 'ok' | 'blocked' | 'cached' | 'invalid-output';

export interface Scenario {
  name: string;
  /** The Sightline context's feature for every span of the trace. */
  feature: string;
  /** Relative share of the traffic. */
  weight: number;
  run(app: DemoApp, visitor: Visitor): Promise<Outcome>;
}
