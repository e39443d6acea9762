// OTLP/HTTP carries the same messages as binary protobuf or as OTLP/JSON, chosen by Content-Type.

export type OtlpFormat = 'protobuf' | 'json';

export const CONTENT_TYPES: Readonly<Record<OtlpFormat, string>> = {
  protobuf: 'application/x-protobuf',
  json: 'application/json',
};
