/**
 * cli/render/json.ts: the pieces of a streamed JSON document are what JSON.stringify(report,
 * null, 2) writes at their place, byte for byte, for any value the reports hold.
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

describe('JSON pieces', () => {
  it.each(values)('jsonItem of %s is the element JSON.stringify writes in a top-level array', (_label, v) => {
    const whole = JSON.stringify({ list: [v, v] }, null, 2);
    const item = jsonItem(v);
    expect(whole).toBe(`{\n  "list": [\n${item},\n${item}\n  ]\n}`);
  });

  it.each(values)('jsonMember of %s is the value JSON.stringify writes after a top-level key', (_label, v) => {
    expect(JSON.stringify({ key: v }, null, 2)).toBe(`{\n  "key": ${jsonMember(v)}\n}`);
  });

  it('writeJsonArray with listed items writes the array JSON.stringify writes; an empty one as []', async () => {
    const vs = values.map(([, v]) => v);
    let text = '{\n';
    await writeJsonArray('list', [listedItems(vs.slice(0, 3)), listedItems([]), listedItems(vs.slice(3))], (s) => void (text += s), () => undefined);
    text += ',\n';
    await writeJsonArray('none', [listedItems([])], (s) => void (text += s), () => undefined);
    text += '\n}';
    expect(text).toBe(JSON.stringify({ list: vs, none: [] }, null, 2));
  });
});
