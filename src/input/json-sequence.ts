/**
 * Several JSON values one after the other (two pretty-printed frames pasted together, a file of
 * concatenated objects): each value's text and the line it starts on, or null when the text is
 * not only that. One pass that tracks strings and nesting; each value is then parsed whole.
 */

export interface JsonValueText {
  readonly text: string;
  /** 1-based line where the value starts. */
  readonly line: number;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** The JSON values of `text` when it holds nothing else (at least two, objects or arrays), else null. */
export function jsonValues(text: string): JsonValueText[] | null {
  const out: JsonValueText[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10) line++;
      i++;
      continue;
    }
    if (c !== 123 && c !== 91) return null;
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      if (d === 10) line++;
      if (inString) {
        if (d === 92) i++; // a backslash escapes the next character
        else if (d === 34) inString = false;
        continue;
      }
      if (d === 34) inString = true;
      else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    if (depth !== 0) return null;
    out.push({ text: text.slice(start, i), line: startLine });
  }
  return out.length >= 2 ? out : null;
}

/**
 * The text of each item of a JSON array, as written (its numbers, escapes and blanks inside kept),
 * for text JSON.parse has read as an array: what a frame list sends, not a copy written again
 * (client audit: 12345678901234567890 went out as …7000, 1e400 as null). One pass.
 */
export function arrayItemTexts(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = text.indexOf('[') + 1;
  let depth = 0;
  let inString = false;
  let start = -1;
  const close = (end: number) => {
    let e = end;
    while (e > start && isSpace(text.charCodeAt(e - 1))) e--;
    if (start >= 0 && e > start) out.push(text.slice(start, e));
    start = -1;
  };
  for (; i < n; i++) {
    const d = text.charCodeAt(i);
    if (inString) {
      if (d === 92) i++;
      else if (d === 34) inString = false;
      continue;
    }
    if (start < 0 && !isSpace(d) && !(depth === 0 && (d === 44 || d === 93))) start = i;
    if (d === 34) inString = true;
    else if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      if (depth === 0) {
        close(i);
        break;
      }
      depth--;
    } else if (d === 44 && depth === 0) close(i);
  }
  return out;
}

/**
 * The text of the top-level member `key` of a JSON object, as written, for text JSON.parse has read
 * as an object; null when it has none. A relay log record's frame, replayed as it was sent (audit of
 * the change: written again, 12345678901234567890 became …7000). One pass.
 */
export function memberText(text: string, key: string): string | null {
  const n = text.length;
  let i = text.indexOf('{') + 1;
  let depth = 0;
  let inString = false;
  let stringStart = -1;
  // The last string closed at depth 0 (a member's name, when a ":" follows).
  let lastString = '';
  let valueStart = -1;
  let found: string | null = null;
  for (; i < n; i++) {
    const d = text.charCodeAt(i);
    if (inString) {
      if (d === 92) i++;
      else if (d === 34) {
        inString = false;
        if (depth === 0 && valueStart < 0) lastString = text.slice(stringStart, i + 1);
      }
      continue;
    }
    if (valueStart >= 0 && depth === 0 && (d === 44 || d === 125)) {
      // The last of a repeated name, as JSON.parse keeps it (audit of the change: the first was sent).
      let e = i;
      while (e > valueStart && isSpace(text.charCodeAt(e - 1))) e--;
      found = text.slice(valueStart, e);
      valueStart = -1;
      if (d === 125) return found;
      continue;
    }
    if (d === 34) {
      inString = true;
      stringStart = i;
    } else if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      if (depth === 0) return found;
      depth--;
    } else if (d === 58 && depth === 0 && valueStart < 0) {
      let name: unknown = null;
      try {
        name = JSON.parse(lastString);
      } catch {
        name = null;
      }
      if (name === key) {
        let k = i + 1;
        while (k < n && isSpace(text.charCodeAt(k))) k++;
        valueStart = k;
        i = k - 1;
      }
    }
  }
  return found;
}
