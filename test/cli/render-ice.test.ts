/** cli/render/ice.ts: the text of `sdpscope ice`, bounded whatever the dump holds. */
import { PAIR_LIMIT, renderIce } from '../../cli/render/ice.js';
import { readStatsDump } from '../../src/ice/dump.js';
import { explainIce, type IcePairInfo, type IceReport } from '../../src/ice/explain.js';
import { makeStyle } from '../../cli/render/style.js';
import { dumpText } from '../support/dumps.js';

describe('renderIce', () => {
  it('130,000 pairs: the grid shows 200, the nominated first, and says how many more (the widths ran the call stack out: exit 70, ICE audit)', () => {
    const real = explainIce(readStatsDump(dumpText('lab/lost-mid-call__webrtc_internals_dump.gz')).peerConnections[0]!);
    const base = real.pairs[0]!;
    const pairs: IcePairInfo[] = Array.from({ length: 130_000 }, (_, i) => ({ ...base, id: `P${i}`, selected: false, nominated: i === 99_999 }));
    const report: IceReport = { ...real, pairs };
    const text = renderIce([report], makeStyle(false), { format: 'webrtc-internals', userAgent: null });
    const lines = text.split('\n');
    const from = lines.findIndex((l) => l.startsWith('  candidate pairs')) + 2;
    const grid = lines.slice(from, from + lines.slice(from).findIndex((l) => !/^ {2}[ *][ n] {2}\S/.test(l)));
    expect(grid).toHaveLength(PAIR_LIMIT);
    expect(grid[0]).toMatch(/^ {3}n /);
    expect(text).toContain(`… ${130_000 - PAIR_LIMIT} more pairs (--json has them all)`);
  });
});

describe('renderIce: candidate errors', () => {
  it('an explanation the verdict already gave is not said again under the errors (ICE audit: each 401 twice)', () => {
    const reports = readStatsDump(dumpText('lab/relay-only-wrong-password__webrtc_internals_dump.gz')).peerConnections.map(explainIce);
    const text = renderIce(reports, makeStyle(false), { format: 'webrtc-internals', userAgent: null });
    expect(text.match(/refused the credentials \(401\)/g)).toHaveLength(2);
    expect(text).toMatch(/^ {2}401 turn:203\.0\.113\.10:3478\?transport=udp from 10\.0\.1\.x:\d+ \(explained above\)$/m);
  });
});

describe('the pair table marks the pair the report takes as selected (audit: said in the verdict, unstarred where no transport names it)', () => {
  it('go2rtc\'s Chrome 149 excerpt (no transport): the nominated pair that carried the most is starred', async () => {
    const { readStatsDump } = await import('../../src/ice/dump.js');
    const { explainIce } = await import('../../src/ice/explain.js');
    const { renderIce } = await import('../../cli/render/ice.js');
    const { makeStyle } = await import('../../cli/render/style.js');
    const { dumpText } = await import('../support/dumps.js');
    const dump = readStatsDump(dumpText('staal0-mammotion__chrome149_go2rtc_excerpt.txt'));
    const text = renderIce(dump.peerConnections.map(explainIce), makeStyle(false), { format: dump.format, userAgent: dump.userAgent });
    expect(text).toMatch(/\n  \*n  srflx udp 81\.217\.27\.201:49880 +srflx udp 81\.217\.27\.201:38454 +succeeded/);
  });
});
