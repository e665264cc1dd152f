import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferIo, colorWanted } from '../../src/cli/io.js';
import { run } from '../../src/cli/main.js';
import { fitWidths, renderTable } from '../../src/report/table.js';
import { importSmallNetwork, tempDb } from './helpers.js';

/* Tables fit the terminal's width (never cut when piped), and colour only on a terminal without NO_COLOR. */

describe('column widths under a limit', () => {
  it('cuts the widest left-aligned column first and never a right-aligned one (worked by hand)', () => {
    // 10 + 30 + 5 + two gaps of 2 = 49 > 30: the 30-wide column loses 19 and becomes 11 (10 + 11 + 5 + 4 = 30)
    expect(fitWidths([10, 30, 5], ['left', 'left', 'right'], 30)).toEqual([10, 11, 5]);
    // too narrow for anything: left columns stop at 6, numbers stay whole, the line stays wider
    expect(fitWidths([20, 20, 9], [undefined, undefined, 'right'], 10)).toEqual([6, 6, 9]);
    expect(fitWidths([20, 20], ['left', 'left'], undefined)).toEqual([20, 20]);
  });
});

describe('colour wanted', () => {
  it('on a terminal only, and never with NO_COLOR set to anything', () => {
    expect(colorWanted(true, {})).toBe(true);
    expect(colorWanted(false, {})).toBe(false);
    expect(colorWanted(undefined, {})).toBe(false);
    expect(colorWanted(true, { NO_COLOR: '1' })).toBe(false);
    expect(colorWanted(true, { NO_COLOR: '' })).toBe(true);
  });
});

describe('a command on a terminal of a given width', () => {
  let t: ReturnType<typeof tempDb>;
  beforeAll(async () => {
    t = tempDb();
    await importSmallNetwork(t.db);
  }, 60_000);
  afterAll(() => t.cleanup());

  const list = async (terminal: { columns?: number; color?: boolean }) => {
    const io = bufferIo(terminal);
    expect(await run(['assets', 'list', '--db', t.db], io)).toBe(0);
    return io.stdout();
  };

  it('fits a 70-column terminal, cutting with …, and cuts nothing when piped', async () => {
    const piped = await list({});
    const widest = Math.max(...piped.split('\n').map((l) => l.length));
    expect(widest).toBeGreaterThan(70);
    expect(piped).not.toContain('…');
    const narrow = await list({ columns: 70 });
    for (const line of narrow.split('\n')) expect(line.length, line).toBeLessThanOrEqual(70);
    expect(narrow).toContain('…');
    // the numbers are whole: the quantity column is right-aligned and never cut
    expect(narrow.split('\n')[2]!.trimEnd().endsWith(' 2')).toBe(true);
  });

  it('bold headers only when the terminal wants colour, and the layout ends with the command', async () => {
    expect(await list({ color: true })).toContain('\u001b[1m');
    expect(await list({ color: false })).not.toContain('\u001b[');
    // after the run, a table rendered elsewhere (the server's text report) is full width and plain
    const wide = renderTable([{ a: 'x'.repeat(100) }], [{ header: 'a', value: (r) => r.a }]);
    expect(wide).toContain('x'.repeat(100));
  });
});
