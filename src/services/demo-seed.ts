import { generateDemoRegisters, seedDemo, type DemoData } from '../demo/index.js';
import { Implementation } from '../domain/implementation.js';
import { ScreeningCase } from '../domain/screening.js';
import { importRows } from '../interchange/index.js';
import type { Store } from '../store/index.js';
import { appendImplementations } from '../store/implementations.js';
import { appendProfile } from '../store/profiles.js';
import { upsertScreeningCases } from '../store/screening.js';

/**
 * Seeds the demo: the inventory through the importer (one transaction per kind), then the registers an
 * authority keeps beside it (implementation status, supplier profiles, screening cases) through their
 * own store functions, so the demo exercises the same checks as real data. The CLI's `demo` and the
 * server's first run both use it.
 */
export async function seedDemoData(store: Store, data: DemoData) {
  const inventory = await seedDemo(store, data, importRows);
  return { inventory, ...(await seedDemoRegisters(store, data)) };
}

/** The registers alone, for a demo whose inventory came in through CSV files. */
export async function seedDemoRegisters(store: Store, data: DemoData) {
  const registers = generateDemoRegisters(data);
  const source = `demo ${data.scale} seed ${data.seed}`;
  const implementation = await appendImplementations(store, registers.implementations.map((r) => Implementation.parse(r)), `${source}: implementation`);
  for (const p of registers.profiles) await appendProfile(store, p, { actor: { name: 'demo' } });
  const screening = await upsertScreeningCases(store, registers.screeningCases.map((c) => ScreeningCase.parse(c)), `${source}: screening`);
  return { implementation, profiles: registers.profiles.length, screening };
}
