/**
 * Errors that mean "storage is throttled or briefly unreachable": the caller should retry,
 * and nothing was committed (every multi-item write we do is a single transaction or a
 * conditional put, so a failure leaves no partial state).
 */
const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'SlowDown',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionInProgressException',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'IdempotencyPersistenceLayerError',
]);

export function isTransientStorageFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const candidate = error as Error & { code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  if (TRANSIENT_NAMES.has(candidate.name) || (candidate.code && TRANSIENT_NAMES.has(candidate.code))) return true;
  if (candidate.$retryable) return true;
  const status = candidate.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  // Network failures surface as AggregateError or errors whose cause carries the code.
  const cause = (candidate as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isTransientStorageFault(cause);
}
