import type { Command } from 'commander';
import { z } from 'zod';
import { listCertificates, type CertificateView } from '../../store/access/certificates.js';
import { MAX_PAGE } from '../../store/access/sql.js';
import { renderTable } from '../../report/table.js';
import type { CommandContext } from '../main.js';
import { dbOption, optionSchemas, parseOption, today } from '../options.js';
import { withStore } from '../store.js';
import { CLI_SCOPE } from './assessment-runs.js';

const text = (rows: readonly CertificateView[], date: string) =>
  rows.length === 0
    ? 'no certificates recorded (import them: secure5g import certificates <file>)\n'
    : `Certificates as of ${date}\n\n${renderTable(rows, [
        { header: 'product', value: (c) => c.productId },
        { header: 'supplier', value: (c) => c.supplierId },
        { header: 'scheme', value: (c) => c.scheme },
        { header: 'certificate', value: (c) => c.certificateId ?? '(label only)' },
        { header: 'issuer', value: (c) => c.issuer ?? '' },
        { header: 'versions', value: (c) => (c.kind === 'label' ? '' : c.versions?.length ? c.versions.join(', ') : 'all') },
        { header: 'valid', value: (c) => (c.validFrom ? `${c.validFrom} – ${c.validUntil ?? 'open'}` : '') },
        { header: 'standing', value: (c) => c.standing },
      ])}\nA label without a record of its scheme still meets a policy requirement (TM09), reported as unverified; a record meets it only while valid and for the versions it lists.\n`;

export function registerCertificates(program: Command, { io }: CommandContext) {
  const group = program.command('certificates').description('certificates of products: imported records and the labels no record backs');
  group
    .command('list')
    .description('records with their standing on a date (valid, expired, not yet valid), then unverified labels')
    .option('--product <id>', 'only this product')
    .option('--scheme <label>', 'only this scheme, e.g. NESAS')
    .option('--date <YYYY-MM-DD>', 'judge validity on this day (default: today)')
    .option('--format <format>', 'table | json', 'table')
    .addOption(dbOption())
    .action(async (o: { product?: string; scheme?: string; date?: string; format: string; db?: string }) => {
      const format = parseOption(z.enum(['table', 'json'], { error: 'must be table or json' }), o.format, '--format');
      const date = parseOption(optionSchemas.IsoDate, o.date ?? today(), '--date');
      const productId = o.product === undefined ? undefined : parseOption(optionSchemas.Id, o.product, '--product');
      await withStore(o.db, async (store) => {
        const all: CertificateView[] = [];
        for (let offset = 0; ; offset += MAX_PAGE) {
          const page = listCertificates(store, CLI_SCOPE, { date, limit: MAX_PAGE, offset, ...(productId ? { productId } : {}), ...(o.scheme ? { scheme: o.scheme } : {}) });
          all.push(...page.items);
          if (offset + MAX_PAGE >= page.total) break;
        }
        io.out(format === 'json' ? `${JSON.stringify({ date, certificates: all }, null, 2)}\n` : text(all, date));
      });
    });
}
