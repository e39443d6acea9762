/**
 * The request body is not a decodable OTLP export request. The message says precisely what is wrong
 * (with a JSON-path-like location) so the HTTP layer can return it as a 400 google.rpc.Status.
 */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}
