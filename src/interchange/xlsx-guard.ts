import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ImportError } from '../domain/index.js';

/*
 * An XLSX workbook is a ZIP archive, and the spreadsheet reader (exceljs) inflates every part of it in
 * memory: a 3 MB upload that unpacks to gigabytes took the server to 3 GB per request. Every XLSX read
 * (src/interchange/records.ts xlsxRecords, behind the API's register uploads and the CLI's imports)
 * first goes through checkXlsxArchive, which counts the archive's entries and inflates each one to count
 * its real bytes (never keeping them), stopping at the cap. The sizes an archive declares can lie, so
 * they only refuse early; yauzl's validateEntrySizes also fails an entry that inflates past its
 * declared size.
 */

/** A register of a few thousand rows unpacks to a few MB; tens of thousands to tens of MB. */
export const XLSX_LIMITS = {
  /** entries in the archive: a workbook has a dozen or two */
  entries: 1000,
  /** bytes of all entries inflated together */
  uncompressedBytes: 64 * 1024 ** 2,
};

export type XlsxLimits = typeof XLSX_LIMITS;

/** An archive that unpacks past the limits: the API answers 413, the CLI exits 2. */
export class SpreadsheetTooLarge extends ImportError {
  override name = 'SpreadsheetTooLarge';
}

const mib = (n: number) => `${Math.round(n / 1024 ** 2)} MiB`;

/** Throws SpreadsheetTooLarge past the limits, or an ImportError for an archive that cannot be read; reads nothing else. */
export async function checkXlsxArchive(file: string, bytes: Buffer, limits: XlsxLimits = XLSX_LIMITS): Promise<void> {
  const tooLarge = (what: string) =>
    new SpreadsheetTooLarge(file, undefined, undefined, `the workbook unpacks to ${what}; at most ${limits.entries} parts and ${mib(limits.uncompressedBytes)} are read`);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true });
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    if (zip.entryCount > limits.entries) throw tooLarge(`${zip.entryCount} parts`);
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      // what it declares may be false, but a declared excess is enough to refuse
      if (total + entry.uncompressedSize > limits.uncompressedBytes) throw tooLarge(`more than ${mib(limits.uncompressedBytes)}`);
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (error) {
        throw unreadable(file, error);
      }
      try {
        for await (const chunk of stream) {
          total += (chunk as Buffer).length;
          if (total > limits.uncompressedBytes) throw tooLarge(`more than ${mib(limits.uncompressedBytes)}`);
        }
      } catch (error) {
        stream.destroy();
        throw error instanceof ImportError ? error : unreadable(file, error);
      }
    }
  } finally {
    zip.close();
  }
}

function unreadable(file: string, error: unknown): ImportError {
  return new ImportError(file, undefined, undefined, `not a readable XLSX workbook (${(error as Error).message})`);
}
