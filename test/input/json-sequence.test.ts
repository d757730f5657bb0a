import { arrayItemTexts, memberText } from '../../src/input/json-sequence.js';

describe('arrayItemTexts and memberText: JSON values cut out of a text as written (audits of the client: numbers rewritten)', () => {
  it('each item of an array, its blanks inside and its numbers kept; commas and brackets inside strings are not the list\'s', () => {
    expect(arrayItemTexts('[ 1.0 , {"a":[1e400, "x,]"]}, "\\\\\\"" ,null]')).toEqual(['1.0', '{"a":[1e400, "x,]"]}', '"\\\\\\""', 'null']);
    expect(arrayItemTexts('[]')).toEqual([]);
  });
  it('a top-level member by name: not one nested, not a string that looks like one, the name compared unescaped', () => {
    const text = '{"x":{"frame":1},"s":"\\"frame\\":2","fr\\u0061me" : {"n":12345678901234567890} ,"frame":3}';
    expect(memberText(text, 'frame')).toBe('3');
    expect(memberText(text.replace(',"frame":3', ''), 'frame')).toBe('{"n":12345678901234567890}');
    // A repeated name: its last value, as JSON.parse keeps it (audit of the change).
    expect(memberText('{"frame":{"first":1},"frame":{"second":2}}', 'frame')).toBe('{"second":2}');
    expect(memberText('{"a":1}', 'frame')).toBeNull();
    expect(memberText('{"frame":[1, 2.50]}', 'frame')).toBe('[1, 2.50]');
  });
});
