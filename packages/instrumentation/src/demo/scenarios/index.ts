import { conversationSummary } from './conversation-summary.ts';
import { docSearch } from './doc-search.ts';
import type { Scenario } from './scenario.ts';
import { supportChat } from './support-chat.ts';
import { ticketTriage } from './ticket-triage.ts';
import { travelAgent } from './travel-agent.ts';

export type { Outcome, Scenario } from './scenario.ts';

export const SCENARIOS: readonly Scenario[] = [supportChat, docSearch, ticketTriage, travelAgent, conversationSummary];
