// Maps provider names as they arrive on spans (OTel gen_ai.provider.name, the older gen_ai.system
// values, and the spellings other conventions use) to genai-prices provider ids.

/** Provider ids in the genai-prices data that we route to explicitly. */
const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  'aws.bedrock': 'aws',
  aws_bedrock: 'aws',
  'amazon-bedrock': 'aws',
  bedrock: 'aws',
  // Azure's table falls back to OpenAI, Anthropic, DeepSeek, xAI and Moonshot models.
  'azure.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  'az.ai.openai': 'azure',
  'az.ai.inference': 'azure',
  'azure-openai': 'azure',
  azure_openai: 'azure',
  // Google's table covers Gemini, Vertex AI and Claude on Vertex.
  'gcp.gemini': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gen_ai': 'google',
  gemini: 'google',
  vertex_ai: 'google',
  vertexai: 'google',
  'google.generative-ai': 'google',
  'google.vertex': 'google',
  mistral_ai: 'mistral',
  mistralai: 'mistral',
  groq: 'groq',
  deepseek: 'deepseek',
  x_ai: 'x-ai',
  xai: 'x-ai',
  cohere: 'cohere',
  perplexity: 'perplexity',
  openrouter: 'openrouter',
  together_ai: 'together',
  'together-ai': 'together',
  together: 'together',
  fireworks: 'fireworks',
  fireworks_ai: 'fireworks',
  cerebras: 'cerebras',
  moonshot: 'moonshotai',
  moonshotai: 'moonshotai',
  zhipuai: 'zhipuai',
  voyageai: 'voyageai',
  cloudflare: 'cloudflare',
};

/**
 * Self-hosted runtimes: their calls cost nothing per token, so guessing a cloud price from the model
 * name would be wrong. Left unpriced (costSource 'none'); a prices.yaml entry can price them.
 */
const SELF_HOSTED_PROVIDERS: ReadonlySet<string> = new Set([
  'ollama',
  'vllm',
  'lm_studio',
  'lmstudio',
  'llama.cpp',
  'llamacpp',
  'localai',
  'local',
  'tgi',
  'huggingface.tgi',
]);

export type ProviderRoute =
  /** A genai-prices provider id. */
  | { kind: 'table'; providerId: string }
  /** Unknown or empty provider: match by model name across the whole table. */
  | { kind: 'any' }
  /** Self-hosted runtime: never priced from the table. */
  | { kind: 'never' };

/**
 * Routes a span's provider name. Provider ids of the price table (`isTableId`) are accepted as
 * themselves. Names with a dot suffix (`openai.chat`, Vercel's `anthropic.messages`) fall back to their first segment.
 */
export function routeProvider(provider: string, isTableId: (id: string) => boolean): ProviderRoute {
  const name = provider.trim().toLowerCase();
  if (name === '' || name === '_other') return { kind: 'any' };
  if (SELF_HOSTED_PROVIDERS.has(name)) return { kind: 'never' };
  const direct = PROVIDER_ALIASES[name] ?? (isTableId(name) ? name : undefined);
  if (direct) return { kind: 'table', providerId: direct };
  const firstSegment = name.split('.')[0] ?? '';
  if (firstSegment !== name) {
    if (SELF_HOSTED_PROVIDERS.has(firstSegment)) return { kind: 'never' };
    const fromSegment = PROVIDER_ALIASES[firstSegment] ?? (isTableId(firstSegment) ? firstSegment : undefined);
    if (fromSegment) return { kind: 'table', providerId: fromSegment };
  }
  return { kind: 'any' };
}
