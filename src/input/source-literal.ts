/**
 * An SDP written in source code as string literals (SDPs-in-text audits), read as the one string
 * it is: `raw := "v=0\r\n" +`, then `"o=- 0 0 IN IP4 127.0.0.1\r\n" +`, and so on, joined by "+"
 * (JS, Go, Java, C#), `+ \` (Python) or side by side (C), or one string continued by a backslash
 * inside its quotes (Rust, C's line splicing). It had been a description of v=0 alone, every other
 * line lost without a word. Internal: line-scanner.ts starts one on a line whose last literal begins
 * with v=0 and an escaped line break, gives it each next line, and reads it when it ends.
 */

/** Pieces and UTF-16 units of one literal SDP, at most (past them, the scanner says sdp-cut). */
const MAX_LITERAL_PIECES = 4096;
const MAX_LITERAL_UNITS = 256 * 1024;

export class SourceLiteral {
  /** The pieces, still escaped as a double-quoted string holds them. */
  readonly pieces: string[];
  /** Their UTF-16 units. */
  units: number;
  /** The expression ended on the last line read (`;`, `,`, `)`, a name it goes on with): no more pieces. */
  done: boolean;
  /** A piece past the bounds came: the literal ends before it. */
  capped = false;

  private constructor(
    /** The line it starts on, and that line as written (read as it is when the literal is one piece). */
    readonly line: number,
    readonly first: string,
    /** What stands before its opening quote (a type word: "offer = "). */
    readonly before: string,
    piece: string,
    done: boolean,
    /** Continued by a backslash inside the quotes (Rust, C), not joined piece by piece. */
    private readonly continued: boolean,
  ) {
    this.pieces = [piece];
    this.units = piece.length;
    this.done = done;
  }

  /** The literal a line starts, or null. */
  static start(content: string, line: number): SourceLiteral | null {
    // A string continued with a backslash at the line's end, inside the quotes (Rust's "…\r\n\", C's
    // line splicing): the next lines go on with it, their leading blanks left out (hostile-input audit:
    // the session part lost, "8000\r\n\" a clock rate).
    const dq = content.lastIndexOf('"v=0\\');
    if (dq >= 0 && (dq === 0 || content.charCodeAt(dq - 1) !== 92)) {
      CONTINUED_START.lastIndex = dq;
      const c = CONTINUED_START.exec(content);
      if (c !== null) return new SourceLiteral(line, content, content.slice(0, dq), c[1]!, false, true);
    }
    // From the last "v=0\ not escaped itself (an unanchored search tried each, up to 4,096 units from each: a line of them was 15 times slower; hostile-input audit).
    const quote = content.lastIndexOf('"v=0\\') >= content.lastIndexOf("'v=0\\") ? '"' : "'";
    let at = content.lastIndexOf(`${quote}v=0\\`);
    while (at > 0 && content.charCodeAt(at - 1) === 92) at = content.lastIndexOf(`${quote}v=0\\`, at - 1);
    if (at < 0) return null;
    LITERAL_START.lastIndex = at;
    const m = LITERAL_START.exec(content);
    return m === null ? null : new SourceLiteral(line, content, content.slice(0, m.index), pieceOf(m), m[3] !== undefined || m[4] !== undefined, false);
  }

  /** One more line of it (true), or a line that is none (false: the literal ends before it). */
  take(content: string): boolean {
    if (this.done) return false;
    if (this.continued) {
      const t = content.replace(/\r$/, '').trimStart();
      // Rust's continuation skips blank lines too (the Reference's string continuation escapes).
      if (t === '') return true;
      let i = 0;
      for (; i < t.length && t.charCodeAt(i) !== 34; i++) if (t.charCodeAt(i) === 92) i++;
      const piece = i < t.length ? t.slice(0, i) : t.endsWith('\\') && !/(?:^|[^\\])(?:\\\\)+$/.test(t) ? t.slice(0, -1) : null;
      return piece !== null && this.add(piece, i < t.length);
    }
    // A piece commented out (`//"a=…\r\n"`, `# "…"`): no piece, the literal goes on after it (new-user audit: pjproject's table lost its next m-sections).
    if (COMMENTED_PIECE.test(content)) return true;
    // Several pieces on one line ("s=-\r\n" + "t=0 0\r\n"): joined into one first (the rest had been lost).
    const m = LITERAL_PIECE.exec(content.includes('"', content.indexOf('"') + 1) ? content.replace(ADJACENT_PIECES, '') : content);
    if (m === null) return false;
    const piece = pieceOf(m);
    // A piece that starts an SDP is the next one's (two quoted SDPs a line each: they had been merged).
    return !piece.startsWith('v=0\\') && this.add(piece, m[3] !== undefined || m[4] !== undefined);
  }

  /** The piece added, and whether it ends the expression; false past the bounds (capped). */
  private add(piece: string, ends: boolean): boolean {
    if (this.pieces.length >= MAX_LITERAL_PIECES || this.units + piece.length > MAX_LITERAL_UNITS) {
      this.capped = true;
      return false;
    }
    this.pieces.push(piece);
    this.units += piece.length;
    if (ends) this.done = true;
    return true;
  }
}

/**
 * A line whose last string literal starts an SDP (`"v=0\r\n"`, more lines in it or not), what may
 * join the next one after it (`+`, `.`, `\`, Python's `+ \`, nothing; a Python `% (…)` before it), a name the expression goes on with (`+
 * extraSdp;`), or what ends it (`;`, `,`, `)`, `]`, `}`), and a comment after it (`// 24-29`, a block comment:
 * Eclipse's Java formatter writes `" + //` on every line). Each blank run opens an optional part, so
 * a line of blanks that fails is read once per part, not once per way to split it (hostile-input
 * audit: quadratic on 100,000 blanks). Sticky: tried where the last such literal starts.
 */
const LITERAL_START = /(?:"(v=0(?:\\r)?\\n(?:[^"\\]|\\.){0,4096})"|'(v=0(?:\\r)?\\n(?:[^'\\]|\\.){0,4096})')(?:[ \t]*%[ \t]*(?:\([^"\n]{0,200}?\)|[\w.]{1,64}))?(?:[ \t]*(?:\+|\.|\\)){0,2}(?:[ \t]*([A-Za-z_$][\w$.]{0,64})(?:\([^"'\n]{0,200}?\))?)?(?:[ \t]*([;,)\]}]{1,4})[^"'\n\r]{0,300}?)?(?:[ \t]*(?:\/\/|#)[^\n]{0,300}|[ \t]*\/\*[^\n]{0,300}?\*\/)?[ \t]*\r?$/y;
/** A line that is one more string literal of it, a "+" before or after it, and what ends the expression. */
const LITERAL_PIECE = /^[ \t]*(?:\+[ \t]*)?[bBuU]?(?:"((?:[^"\\]|\\.){0,4096})"|'((?:[^'\\]|\\.){0,4096})')(?:[ \t]*%[ \t]*(?:\([^"\n]{0,200}?\)|[\w.]{1,64}))?(?:[ \t]*(?:\+|\.|\\)){0,2}(?:[ \t]*([A-Za-z_$][\w$.]{0,64})(?:\([^"'\n]{0,200}?\))?)?(?:[ \t]*([;,)\]}]{1,4})[^"'\n\r]{0,300}?)?(?:[ \t]*(?:\/\/|#)[^\n]{0,300}|[ \t]*\/\*[^\n]{0,300}?\*\/)?[ \t]*\r?$/;
/** A literal piece's text as a double-quoted string holds it: a single-quoted one's `\'` unescaped and its `"` escaped. */
function pieceOf(m: RegExpExecArray): string {
  return m[1] ?? m[2]!.replace(/\\'/g, "'").replace(/(?<!\\)"/g, '\\"');
}

/** A closing quote and the next piece's opening one on a line (`" + "`, `" "`), not escaped: joined away. */
const ADJACENT_PIECES = /(?<!\\)"[ \t]{0,64}\+?[ \t]{0,64}"/g;

/** A line whose string, from its "v=0\, is continued by a backslash at its end (inside the quotes). */
const CONTINUED_START = /"(v=0(?:\\r)?\\n(?:[^"\\\r\n]|\\[^\r\n]){0,4096})\\\r?$/y;

/** A commented-out line within a literal SDP: `//` or `#` before a quoted piece. */
const COMMENTED_PIECE = /^[ \t]*(?:\/\/|#)[ \t]*(?:\+[ \t]*)?["']/;

