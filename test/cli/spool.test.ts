import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename } from 'node:path';
import { Spool } from '../../cli/spool.js';

/** What the spool writes back, and how many times it waited on its reader. */
async function written(spool: Spool): Promise<{ text: string; waits: number }> {
  let text = '';
  let waits = 0;
  await spool.write(
    (s) => void (text += s),
    () => {
      waits++;
      return undefined;
    },
  );
  return { text, waits };
}

/** An array element of the reports' JSON layout (cli/render/json.ts): compact on its line, after four spaces (the reference the spool must match). */
const element = (v: unknown) => '    ' + JSON.stringify(v);

const spoolDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('sdpscope-spool-'));

describe('Spool', () => {
  it('writes back few items from memory, as the whole array would be written', async () => {
    const spool = new Spool('few');
    const items: unknown[] = [{ a: 1, b: [1, { c: null }], d: [] }, {}, 'é ✓ 𝄞', 7];
    for (const i of items) spool.add(i);
    expect(spool.count).toBe(4);
    expect((await written(spool)).text).toBe(items.map(element).join(',\n'));
    spool.dispose();
  });

  it('spills to a temporary file past its limit, and writes back every byte in order (multi-byte text across every chunk edge)', async () => {
    const spool = new Spool('many');
    // 3.5 MB of items with 1-, 2-, 3- and 4-byte UTF-8, an item larger than the in-memory limit among them.
    const items: unknown[] = Array.from({ length: 6000 }, (_, i) => ({ i, text: `候选者 é ${'x'.repeat(i % 500)} 𝄞`, nested: { list: [i, 'a\nb'] } }));
    items.splice(3000, 0, { big: '信'.repeat(700_000) });
    for (const i of items) spool.add(i);
    // Its own directory (other processes' spools, a CLI test in another worker, may come and go meanwhile).
    const dir = (spool as unknown as { dir: string | null }).dir;
    expect(dir !== null && spoolDirs().includes(basename(dir))).toBe(true);
    const { text, waits } = await written(spool);
    expect(text).toBe(items.map(element).join(',\n'));
    // Read back from disk in chunks, waiting on the reader between them.
    expect(waits).toBeGreaterThan(1);
    spool.dispose();
    expect(spoolDirs()).not.toContain(basename(dir!));
  });

  it('gives back lines as added, in order, from memory or spilled to disk (multi-byte text across every chunk edge)', async () => {
    for (const count of [3, 40_000]) {
      const spool = new Spool('lines');
      const lines = Array.from({ length: count }, (_, i) => `${i} 候选者 é ${'x'.repeat(i % 300)} 𝄞`);
      for (const l of lines) spool.addLine(l);
      expect(spool.count).toBe(count);
      const back: string[] = [];
      let waits = 0;
      await spool.lines((l) => back.push(l), () => void waits++);
      expect(back).toEqual(lines);
      if (count > 3) expect(waits).toBeGreaterThan(1);
      spool.dispose();
    }
  });

  it('writes nothing for no items, and dispose is safe twice', async () => {
    const spool = new Spool('none');
    expect((await written(spool)).text).toBe('');
    spool.dispose();
    spool.dispose();
    expect(existsSync(tmpdir())).toBe(true);
  });
});
