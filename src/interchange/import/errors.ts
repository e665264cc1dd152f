import { ImportError } from '../../domain/index.js';

/** Errors gathered before an import stops; the import reports them all at once. */
export const MAX_ERRORS = 20;

/**
 * A rejected import: every error found (up to MAX_ERRORS), one per line. With a single error the
 * message is exactly that error's, so a one-mistake file reads "assets.csv, row 12, field quantity: …".
 */
export class ImportErrors extends ImportError {
  override name = 'ImportError';
  constructor(
    file: string,
    readonly errors: ImportError[],
    readonly truncated: boolean,
  ) {
    const one = errors.length === 1 && !truncated ? errors[0] : undefined;
    super(
      file,
      one?.row,
      one?.field,
      one
        ? one.reason
        : `${errors.length}${truncated ? ' or more' : ''} errors, nothing imported` +
            (truncated ? ` (stopped after ${MAX_ERRORS})` : '') +
            ':\n' +
            errors.map((e) => `  ${e.message}`).join('\n'),
    );
  }
}
