import type { Command } from 'commander';
import type { Id } from '../../domain/primitives.js';
import { json } from '../io.js';
import type { CommandContext } from '../main.js';
import { dbOption, formatOption, outputFormat, parseOption } from '../options.js';
import { withStore } from '../store.js';

const FORMATS = ['table', 'json'] as const;

/** `bom` (CycloneDX BOMs of products) and `product origins` (where a product's components are made). */
export function registerBom(program: Command, { io }: CommandContext): void {
  const bom = program.command('bom').description('CycloneDX BOMs (JSON, spec 1.4–1.6) of products');
  bom
    .command('import')
    .description("validate a CycloneDX JSON BOM and store it as the product's latest BOM (earlier ones are kept)")
    .requiredOption('--product <product_id>', 'the product the BOM describes')
    .argument('<file>', 'CycloneDX JSON file')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (file: string, opts: { product: string; format: string; db?: string }) => {
      const { importBom } = await import('../../services/ownership.js');
      const { Id } = await import('../../domain/primitives.js');
      const format = outputFormat(opts.format, FORMATS);
      const productId = parseOption(Id, opts.product, '--product');
      await withStore(opts.db, async (store) => {
        const r = await importBom(store, productId, file);
        if (format === 'json') return io.out(json(r));
        const b = r.bom;
        io.out(
          r.created
            ? `bom: ${b.file} for ${b.productId} — CycloneDX ${b.specVersion}, ${b.components} components, sha256 ${b.sha256.slice(0, 12)}…, bom id ${b.bomId}\n`
            : `bom: ${b.file} is already the latest BOM of ${b.productId} (same sha256), nothing changed\n`,
        );
        for (const w of r.created ? b.warnings : []) io.out(`warning: ${w}\n`);
      });
    });
  bom
    .command('list')
    .description('list stored BOMs, newest first per product; `latest` marks the one that counts')
    .option('--product <product_id>', 'only the BOMs of this product')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (opts: { product?: string; format: string; db?: string }) => {
      const { bomsText } = await import('./ownership-text.js');
      const { listBoms } = await import('../../store/boms.js');
      const { Id } = await import('../../domain/primitives.js');
      const format = outputFormat(opts.format, FORMATS);
      const productId = opts.product === undefined ? undefined : parseOption(Id, opts.product, '--product');
      await withStore(opts.db, async (store) => {
        const list = await listBoms(store, productId === undefined ? {} : { productId });
        io.out(format === 'json' ? json(list) : bomsText(list));
      });
    });

  const product = program.command('product').description('products: origins of their components');
  product
    .command('origins')
    .description("component shares by country of manufacture and single-source components, from the product's latest BOM")
    .argument('<product_id>')
    .addOption(formatOption())
    .addOption(dbOption())
    .action(async (productId: string, opts: { format: string; db?: string }) => {
      const { originsText } = await import('./ownership-text.js');
      const { productOrigins } = await import('../../services/ownership.js');
      const format = outputFormat(opts.format, FORMATS);
      await withStore(opts.db, async (store) => {
        const o = await productOrigins(store, productId);
        io.out(format === 'json' ? json(o) : originsText(o));
      });
    });
}
