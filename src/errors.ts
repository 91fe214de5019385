/**
 * The error taxonomy of dvc-assistant. Class names are set explicitly because minifiers
 * mangle them, and every message starts with its module (`dvc/config: …`) so a report
 * from the field says where it came from.
 */
export class DvcError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DvcError';
  }
}

/** A configuration value (attribute, data-* or property) that does not fit the schema. */
export class ConfigError extends DvcError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** Storage that is blocked, full or corrupted; callers fall back to memory. */
export class StorageError extends DvcError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** A corpus file or compiled artifact that cannot be used. */
export class CorpusError extends DvcError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CorpusError';
  }
}

/** Why a call to the central API failed; `retryable` says whether the same request may succeed later. */
export type HandoffErrorCode = 'offline' | 'network' | 'timeout' | 'http' | 'server' | 'protocol' | 'aborted';

/** A call to the central chatbot API that did not give an answer. */
export class HandoffError extends DvcError {
  constructor(
    message: string,
    readonly code: HandoffErrorCode,
    readonly retryable: boolean,
    readonly status: number | null = null,
    /** From `Retry-After`, when the server sent one. */
    readonly retryAfterMs: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HandoffError';
  }
}
