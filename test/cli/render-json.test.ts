/**
 * cli/render/json.ts: the pieces of a streamed JSON document make the layout it documents (each
 * element of a top-level array compact on its own line), byte for byte, for any value the reports
 * hold, and the document reads back as the value.
 */
import { jsonItem, jsonMember, listedItems, writeJsonArray } from '../../cli/render/json.js';
import { parseSdp } from '../../src/index.js';
import { SdpscopeError } from '../../src/errors.js';
import { sample } from '../support/corpus.js';

const values: [string, unknown][] = [
  ['a number', 7],
  ['a string with a line feed and non-ASCII', 'a\nb 候选者 𝄞'],
  ['null', null],
  ['an empty array', []],
  ['an empty object', {}],
  ['nested', { a: [1, { b: [], c: {} }, 'x'], d: { e: null } }],
  ['an error through its toJSON', new SdpscopeError('INVALID_ARGUMENT', 'bad', { line: 3, column: 4 })],
  ['a parsed description', parseSdp(JSON.parse(sample('offer.json')).offer.sdp)],
];

/** The layout, made the plain way: the members of a top-level object, each array element compact on its line. */
function layout(report: Record<string, unknown>): string {
  const member = (v: unknown) => (Array.isArray(v) ? (v.length === 0 ? '[]' : `[\n${v.map((x) => '    ' + JSON.stringify(x)).join(',\n')}\n  ]`) : JSON.stringify(v));
  return `{\n${Object.entries(report).map(([k, v]) => `  ${JSON.stringify(k)}: ${member(v)}`).join(',\n')}\n}`;
}

describe('JSON pieces', () => {
  it.each(values)('jsonItem of %s is one line, the element of a top-level array, reading back as the value', (_label, v) => {
    const item = jsonItem(v);
    const whole = `{\n  "list": [\n${item},\n${item}\n  ]\n}`;
    expect(whole).toBe(layout({ list: [v, v] }));
    expect(item.includes('\n')).toBe(false);
    expect(JSON.parse(whole)).toEqual(JSON.parse(JSON.stringify({ list: [v, v] })));
  });

  it.each(values)('jsonMember of %s is the value after a top-level key, compact, reading back as the value', (_label, v) => {
    const whole = `{\n  "key": ${jsonMember(v)}\n}`;
    expect(jsonMember(v).includes('\n')).toBe(false);
    expect(JSON.parse(whole)).toEqual(JSON.parse(JSON.stringify({ key: v })));
  });

  it('is several times smaller than the fully indented document for a parsed description (a line per element, not per field)', () => {
    const d = parseSdp(JSON.parse(sample('offer.json')).offer.sdp);
    const ours = `{\n  "descriptions": [\n${jsonItem(d)}\n  ]\n}`;
    expect(JSON.stringify({ descriptions: [d] }, null, 2).length / ours.length).toBeGreaterThan(2);
  });

  it('writeJsonArray with listed items writes the array JSON.stringify writes; an empty one as []', async () => {
    const vs = values.map(([, v]) => v);
    let text = '{\n';
    await writeJsonArray('list', [listedItems(vs.slice(0, 3)), listedItems([]), listedItems(vs.slice(3))], (s) => void (text += s), () => undefined);
    text += ',\n';
    await writeJsonArray('none', [listedItems([])], (s) => void (text += s), () => undefined);
    text += '\n}';
    expect(text).toBe(layout({ list: vs, none: [] }));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ list: vs, none: [] })));
  });

  it('a document past the longest string V8 makes (about 512 MiB) is OUTPUT_TOO_LARGE, not "internal error"', () => {
    const mib = 'x'.repeat(1 << 20);
    expect(() => jsonItem(new Array(520).fill(mib))).toThrow(expect.objectContaining({ code: 'OUTPUT_TOO_LARGE' }));
  });
});
