export * from './gen-ai.ts';
export * from './sightline.ts';
