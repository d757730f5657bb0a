import { objectLiteralJson } from '../../src/input/js-literal.js';

describe('objectLiteralJson: a JavaScript object literal read as the JSON it stands for (ICE audit: uProxy\'s pasted getStats was NOT_A_DUMP)', () => {
  it.each([
    ['{a:1}', '{"a":1}'],
    ['{ id:"tUBN", portNumber:43440 }', '{ "id":"tUBN", "portNumber":43440 }'],
    // console.log's form: single quotes, a quote and an apostrophe inside, undefined, trailing commas.
    ["[{ id: 'x', t: 'it\\'s \"q\"', u: undefined, },]", '[{ "id": "x", "t": "it\'s \\"q\\"", "u": null }]'],
    // A colon or a word inside a string is no key.
    ['{"a":"b:c, d: e",d:[1,2,]}', '{"a":"b:c, d: e","d":[1,2]}'],
    ['{a: "x\\" y: 1"}', '{"a": "x\\" y: 1"}'],
    // Comments, a URL in a string kept (audit of the change: "// stats" first).
    ['// stats\n[{ url: "http://x/y", /* a */ n: 1, // don\'t\n }]', '\n[{ "url": "http://x/y",  "n": 1 \n }]'],
  ])('%s → %s', (literal, json) => {
    expect(objectLiteralJson(literal)).toBe(json);
    expect(() => JSON.parse(json)).not.toThrow();
  });
  it('is null for JSON, which needs none of it, and leaves true, false and null as they are', () => {
    expect(objectLiteralJson('{"a":[1,true,false,null]}')).toBeNull();
    expect(objectLiteralJson('{a:[true,false,null]}')).toBe('{"a":[true,false,null]}');
  });
});
