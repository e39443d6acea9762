export * from './anthropic-sdk.ts';
export * from './gen-ai.ts';
export * from './langfuse.ts';
export * from './openinference.ts';
export * from './openlit.ts';
export * from './openllmetry.ts';
export * from './sightline.ts';
export * from './vercel-ai.ts';
