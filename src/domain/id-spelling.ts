/*
 * One id, one spelling. Ids are compared after Unicode NFC normalisation and case folding: `asset-1` and
 * `ASSET-1`, or an id with a composed and a decomposed accent, name the same thing to a reader and to a
 * spreadsheet's lookup, so a file or an import that brings in a second spelling of an id already given
 * (earlier in the file, or in the database) is refused, naming both spellings. References to an id stay
 * exact: a reference in another spelling is an unknown id, as it always was.
 *
 * The Id schema (primitives.ts) admits ASCII letters, digits and . _ : - only, so for stored ids NFC is
 * the identity and folding is ASCII lower-casing: the store checks with SQLite's lower(), which is exactly
 * that (src/store/bulk-write.ts). Registers and documents check here, in JS, with idKey.
 */

/** The form two spellings of one id share: NFC, then case folded (upper then lower folds ß to ss, as Unicode's full folding does). */
export const idKey = (id: string): string => id.normalize('NFC').toUpperCase().toLowerCase();

/** The reason given for a second spelling: both spellings, and where the first one is. */
export function spellingClash(id: string, first: string, where: string): string {
  return `id "${id}" is a second spelling of "${first}" (${where}): ids are compared without regard to case or Unicode normalisation; write it as "${first}"`;
}

/** The spellings met so far in one file: the first spelling of each id and the row it came in. */
export class IdSpellings {
  private readonly first = new Map<string, { id: string; row: number }>();

  /**
   * @param known ids already recorded (the database's), each standing for its own spelling
   * @param place how an earlier position is named in the reason
   */
  constructor(
    private readonly known: Iterable<string> = [],
    private readonly place: (row: number) => string = (row) => `row ${row} of this file`,
  ) {}

  private knownByKey: Map<string, string> | undefined;

  /**
   * Notes `id` met at `row`; the reason to refuse it when it spells differently an id given earlier in the
   * file or recorded already, undefined otherwise (an exact repeat is left to the caller's duplicate check).
   */
  see(id: string, row: number): string | undefined {
    const key = idKey(id);
    this.knownByKey ??= new Map([...this.known].map((k) => [idKey(k), k]));
    const recorded = this.knownByKey.get(key);
    if (recorded !== undefined && recorded !== id) return spellingClash(id, recorded, 'already recorded');
    const earlier = this.first.get(key);
    if (earlier === undefined) this.first.set(key, { id, row });
    else if (earlier.id !== id) return spellingClash(id, earlier.id, this.place(earlier.row));
    return undefined;
  }
}
