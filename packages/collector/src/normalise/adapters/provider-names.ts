// Provider names as gen_ai.provider.name (1.37+) spells them. Older gen_ai.system values, OpenLLMetry's
// capitalised names (before semconv-ai 0.5) and OpenLIT's own names map onto them, so prices and
// dashboards see one name per provider.
const RENAMED: Readonly<Record<string, string>> = {
  // OTel 1.37 renames of gen_ai.system values.
  'az.ai.inference': 'azure.ai.inference',
  'az.ai.openai': 'azure.ai.openai',
  vertex_ai: 'gcp.vertex_ai',
  gemini: 'gcp.gemini',
  // OpenLLMetry GenAISystem before 0.5 (lower-cased here first): MIGRATION.md §3.
  azure: 'azure.ai.openai',
  aws: 'aws.bedrock',
  google: 'gcp.gen_ai',
  mistralai: 'mistral_ai',
  togetherai: 'together_ai',
  alephalpha: 'aleph_alpha',
  huggingface: 'hugging_face',
  watsonx: 'ibm.watsonx.ai',
  // OpenLIT: Google AI Studio is the Gemini API.
  'google.ai.studio': 'gcp.gemini',
  'ibm.watson.ai': 'ibm.watsonx.ai',
};

/** Canonical provider name for a gen_ai.provider.name / gen_ai.system value ('' stays ''). */
export function canonicalProvider(value: string): string {
  const lower = value.trim().toLowerCase();
  return RENAMED[lower] ?? lower;
}
