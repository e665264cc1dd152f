import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { CATALOG, catalogToJson } from '../../catalog/index.js';
import { catalogToOscal } from '../../interchange/oscal-catalog.js';
import type { CommandContext } from '../main.js';
import { parseOption } from '../options.js';

export function registerCatalog(program: Command, { io }: CommandContext) {
  const catalog = program.command('catalog').description('the EU framework as data: measures, risk areas, segments, criteria');
  catalog
    .command('export')
    .description('write the catalogue as OSCAL 1.2.1 or as plain JSON')
    .option('--format <format>', 'oscal | json', 'oscal')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (opts: { format: string; output?: string }) => {
      const format = parseOption(z.enum(['oscal', 'json'], { error: 'must be oscal or json' }), opts.format, '--format');
      const document = format === 'oscal' ? catalogToOscal(CATALOG) : catalogToJson(CATALOG);
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (opts.output) {
        await writeFile(opts.output, text);
        io.out(`catalogue ${CATALOG.version} written to ${opts.output} (${format})\n`);
      } else io.out(text);
    });
}
