import type { Command } from 'commander';
import type { CertificateView } from '../../store/access/certificates.js';
import { MAX_PAGE } from '../../store/access/page-size.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption, today } from '../options.js';
import { withStore } from '../store.js';
import { json } from '../io.js';
import { CLI_SCOPE } from './assessment-runs.js';

const text = async (rows: readonly CertificateView[], date: string) => {
  const { renderTable } = await import('../../report/table.js');
  return rows.length === 0
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
};

export function registerCertificates(program: Command, { io }: CommandContext) {
  const group = program.command('certificates').description('certificates of products: imported records and the labels no record backs');
  group
    .command('list')
    .description('records with their standing on a date (valid, expired, not yet valid), then unverified labels')
    .option('--product <id>', 'only this product')
    .option('--scheme <label>', 'only this scheme, e.g. NESAS')
    .option('--date <YYYY-MM-DD>', 'judge validity on this day (default: today)')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (o: { product?: string; scheme?: string; date?: string; format: string; db?: string }) => {
      const { listCertificates } = await import('../../store/access/certificates.js');
      const { Id, IsoDate } = await import('../../domain/index.js');
      const format = outputFormat(o.format, ['table', 'json']);
      const date = parseOption(IsoDate, o.date ?? today(), '--date');
      const productId = o.product === undefined ? undefined : parseOption(Id, o.product, '--product');
      await withStore(o.db, async (store) => {
        const all: CertificateView[] = [];
        for (let offset = 0; ; offset += MAX_PAGE) {
          const page = listCertificates(store, CLI_SCOPE, { date, limit: MAX_PAGE, offset, ...(productId ? { productId } : {}), ...(o.scheme ? { scheme: o.scheme } : {}) });
          all.push(...page.items);
          if (offset + MAX_PAGE >= page.total) break;
        }
        io.out(format === 'json' ? json({ date, certificates: all }) : await text(all, date));
      });
    });
}
