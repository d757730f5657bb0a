/**
 * A JavaScript object literal as issue threads paste getStats() results (a literal in code,
 * `{ id:"tUBN", type:"localcandidate", … }`; console.log's `{ id: 'RTCIceCandidate_x', … }`): its
 * keys quoted, its single-quoted strings double-quoted, `undefined` made null, trailing commas
 * and comments dropped. JSON text, or null when the text needed none of these (ICE audit: uProxy's Firefox
 * getStats, pasted so, was "its JSON does not parse"). One pass, linear in the text.
 */
export function objectLiteralJson(text: string): string | null {
  const n = text.length;
  const out: string[] = [];
  let changed = false;
  let from = 0;
  // The last character outside strings that is not white space: a key follows "{" or ",".
  let last = '';
  const flush = (to: number) => {
    if (to > from) out.push(text.slice(from, to));
  };
  // White space and comments (a trailing comma before "// …" and "}" is still trailing).
  const skipSpace = (k: number) => {
    for (;;) {
      while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 10 || text.charCodeAt(k) === 13)) k++;
      if (text[k] !== '/' || (text[k + 1] !== '/' && text[k + 1] !== '*')) return k;
      const end = text[k + 1] === '/' ? text.indexOf('\n', k + 2) : text.indexOf('*/', k + 2);
      k = end < 0 ? n : text[k + 1] === '/' ? end : end + 2;
    }
  };
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '"') {
      let k = i + 1;
      while (k < n && text[k] !== '"') k += text[k] === '\\' ? 2 : 1;
      i = k + 1;
      last = '"';
      continue;
    }
    if (c === "'") {
      flush(i);
      let k = i + 1;
      let body = '';
      let run = k;
      while (k < n && text[k] !== "'") {
        if (text[k] === '\\' && text[k + 1] === "'") {
          body += text.slice(run, k) + "'";
          k += 2;
          run = k;
        } else if (text[k] === '\\') k += 2;
        else if (text[k] === '"') {
          body += text.slice(run, k) + '\\"';
          k++;
          run = k;
        } else k++;
      }
      body += text.slice(run, Math.min(k, n));
      out.push(`"${body}"`);
      i = k + 1;
      from = i;
      changed = true;
      last = '"';
      continue;
    }
    // Comments, as source code and a console paste hold them (audit of the change: "// stats" first).
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      flush(i);
      const end = text[i + 1] === '/' ? text.indexOf('\n', i + 2) : text.indexOf('*/', i + 2);
      i = end < 0 ? n : text[i + 1] === '/' ? end : end + 2;
      from = i;
      changed = true;
      continue;
    }
    if (wordStart(text.charCodeAt(i))) {
      let k = i + 1;
      while (k < n && wordPart(text.charCodeAt(k))) k++;
      const word = text.slice(i, k);
      const next = skipSpace(k);
      if ((last === '{' || last === ',') && text[next] === ':') {
        flush(i);
        out.push(`"${word}"`);
        from = k;
        changed = true;
      } else if (word === 'undefined') {
        flush(i);
        out.push('null');
        from = k;
        changed = true;
      }
      i = k;
      last = 'w';
      continue;
    }
    if (c === ',') {
      const next = skipSpace(i + 1);
      if (text[next] === '}' || text[next] === ']') {
        flush(i);
        from = i + 1;
        changed = true;
      }
    }
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') last = c;
    i++;
  }
  flush(n);
  return changed ? out.join('') : null;
}

/** A-Z, a-z, _ and $: what a JavaScript name starts with (ASCII: what a literal of stats uses). */
const wordStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
/** …and the digits after it. */
const wordPart = (c: number): boolean => wordStart(c) || (c >= 48 && c <= 57);
