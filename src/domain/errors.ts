/**
 * An error caused by the user's input or invocation. The CLI prints its message alone (no stack) and
 * exits with 2; anything else is a defect and is reported as such.
 */
export class UserError extends Error {
  override name = 'UserError';
}

/**
 * A write that contradicts the state it meets: a stale or taken version, a second revocation, an id
 * recorded already. The API answers 409; the CLI treats it as any other UserError.
 */
export class Conflict extends UserError {
  override name = 'Conflict';
}

/** A rejected input record: names the file, the 1-based data row (header excluded) and the field. */
export class ImportError extends UserError {
  override name = 'ImportError';
  constructor(
    readonly file: string,
    readonly row: number | undefined,
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(
      [file, row !== undefined ? `row ${row}` : undefined, field !== undefined ? `field ${field}` : undefined]
        .filter(Boolean)
        .join(', ') + `: ${reason}`,
    );
  }
}
