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
