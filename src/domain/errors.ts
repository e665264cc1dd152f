/**
 * An error caused by the user's input or invocation. The CLI prints its message alone (no stack) and
 * exits with 2; anything else is a defect and is reported as such.
 */
export class UserError extends Error {
  override name = 'UserError';
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
