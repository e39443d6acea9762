import { HttpError } from '../http/http-error.ts';

export type OtlpFormat = 'protobuf' | 'json';

/** OTLP/HTTP body format from Content-Type (a `; charset=...` suffix is tolerated). */
export function otlpFormatOf(contentType: string | undefined): OtlpFormat {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') return 'protobuf';
  if (mediaType === 'application/json') return 'json';
  throw new HttpError(
    415,
    `unsupported Content-Type "${contentType ?? ''}": OTLP/HTTP accepts application/x-protobuf or application/json`,
  );
}

/** The response format for errors before the body format is known: protobuf unless the client sent JSON. */
export function responseFormatOf(contentType: string | undefined): OtlpFormat {
  try {
    return otlpFormatOf(contentType);
  } catch {
    return 'json';
  }
}
