import type { ConventionAdapter } from '../types.ts';

/**
 * Every convention adapter, most specific first: for each canonical field the first adapter that
 * supplies it wins, and the generic OTel GenAI adapter comes last.
 */
export const ADAPTERS: readonly ConventionAdapter[] = [];
