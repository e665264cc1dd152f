import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { formatOption, outputFormat } from '../options.js';

export function registerCatalog(program: Command, { io }: CommandContext) {
  const catalog = program.command('catalog').description('the EU framework as data: measures, risk areas, segments, criteria');
  catalog
    .command('export')
    .description('write the catalogue as OSCAL 1.2.1 or as plain JSON')
    .addOption(formatOption(['oscal', 'json']))
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (opts: { format: string; output?: string }) => {
      const format = outputFormat(opts.format, ['oscal', 'json']);
      const { CATALOG, catalogToJson } = await import('../../catalog/index.js');
      const { catalogToOscal } = await import('../../interchange/oscal-catalog.js');
      const document = format === 'oscal' ? catalogToOscal(CATALOG) : catalogToJson(CATALOG);
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (opts.output) {
        await writeFile(opts.output, text);
        io.out(`catalogue ${CATALOG.version} written to ${opts.output} (${format})\n`);
      } else io.out(text);
    });
}
