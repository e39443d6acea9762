// start-up probe: variant (from overhead-variants) or 'auto' (the auto entry, first-line import style)
const began = performance.now();
const variant = process.argv[2] ?? 'sightline';
if (variant === 'auto') {
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = 'http://127.0.0.1:9';
  await import('../auto.ts');
  await import('openai');
} else {
  const { setUpVariant } = await import('./overhead-variants.ts');
  await setUpVariant(variant as never, 'http://127.0.0.1:9');
}
console.log(JSON.stringify({ variant: `${process.argv[3]}-${variant}`, wall: performance.now() - began }));
process.exit(0);
