/**
 * parseSdp: text → SessionDescription. Every line is kept (typed where sdpscope models it,
 * as written otherwise), with its number and line ending, so writeSdp gives the text back.
 */
import { madeByParser } from '../model-guard.js';
import { requireOptions, requireText, SdpscopeError } from '../errors.js';
import { boundedFindings, diagnostic, NOWHERE, type ParseDiagnostic } from '../diagnostics.js';
import { BLANK_AFTER, BLANK_BEFORE_MEDIA, readLine } from './line.js';
import type { SdpLine, SessionDescription } from './model.js';
import { buildDescription } from './views.js';
import { ruleDiagnostic } from './browser-rules.js';

export interface ParseSdpOptions {
  /**
   * Accept text with no v= line: a pasted run of a=/m= lines (the result has `fragment: true`), or
   * a description whose v= line alone is missing, from its o= line (read as one, `fragment: false`,
   * with a missing-line error). Default false: such text is rejected with NOT_SDP.
   */
  readonly fragment?: boolean;
}

const PARSE_OPTIONS = { fragment: 'boolean' } as const;

/** Parses an SDP blob (CRLF or LF). Throws EMPTY_INPUT or NOT_SDP; everything else is a diagnostic. */
export function parseSdp(text: string, options: ParseSdpOptions = {}): SessionDescription {
  requireText(text, 'parseSdp');
  requireOptions(options, 'parseSdp: the options', PARSE_OPTIONS);
  // A byte order mark (an editor's) is kept apart and written back.
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  if (text.trim() === '') throw new SdpscopeError('EMPTY_INPUT', 'the SDP is empty');
  // A text from o= is a description whose v= line alone is lost (a copy from webrtc-internals'
  // page, whose "v=0 (N more lines)" summary was left out): not a fragment; missing-line says so.
  const fragment = !text.startsWith('v=') && !text.startsWith('o=');
  if (!text.startsWith('v=') && !(options.fragment && /^[a-zA-Z]=/.test(text))) {
    // What it may be instead, and who reads it (library audit: a pasted fragment, a JSON-escaped or indented SDP got no hint).
    const t = text.trimStart();
    const hint = t.startsWith('v=') ? ': blanks before it (trim the text)'
      : text.startsWith('o=') ? ': a description without its first line, "v=0" (parseSdp(text, { fragment: true }) reads it, saying so)'
      : /^[a-zA-Z]=/.test(text) ? ': a fragment of one (parseSdp(text, { fragment: true }) reads it)'
      : t.startsWith('{') || t.startsWith('[') || t.startsWith('"') || text.includes('v=0\\r\\n') || text.includes('v=0\\n') ? ': JSON, or an SDP inside other text (readInput finds the SDPs in it)'
      : '';
    throw new SdpscopeError('NOT_SDP', `an SDP starts with "v=", this starts with ${JSON.stringify(text.slice(0, 20))}${hint}`, { line: 1, column: 1 });
  }

  // Bounded per kind: a megabyte of blank lines is one counted finding, not half a million.
  const found: ParseDiagnostic[] = [];
  const problems = boundedFindings(found);
  const session: SdpLine[] = [];
  const sections: SdpLine[][] = [];
  let current = session;
  let eol: string | null = null;
  let mixed = false;
  let finalEol = false;
  let start = 0;
  let lineNo = 0;
  let crJoined: { line: number; next: string } | null = null;
  /** The last line that is not blank: blank lines after it are trailing. */
  let lastContent = 0;
  /** The first blank line since the last line with content (-1: none), and the runs of them found right before an m= line (first, last, …). */
  let blankRun = -1;
  const blanksBeforeMedia: number[] = [];
  /** Lines that end with a blank or a tab. */
  let padded = 0;
  // Lines are looked at for a lone CR only when the text has one (a CRLF text has none: scanning
  // each line for it was a twentieth of the parse).
  let loneCr = false;
  for (let cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', cr + 2)) {
    if (text.charCodeAt(cr + 1) !== 10) {
      loneCr = true;
      break;
    }
  }
  while (start < text.length) {
    lineNo++;
    const nl = text.indexOf('\n', start);
    let end = nl < 0 ? text.length : nl;
    let ending = '';
    if (nl >= 0) {
      ending = '\n';
      if (end > start && text.charCodeAt(end - 1) === 13) {
        end--;
        ending = '\r\n';
      }
    } else if (end > start && text.charCodeAt(end - 1) === 13) {
      // A last line cut between its CR and its LF: the CR is not part of its value ("typ host\r"
      // is not a type); it is kept as the line's ending (`eol: "\r"`), and the SDP still has no
      // final line ending.
      end--;
      ending = '\r';
    }
    const content = text.slice(start, end);
    start = nl < 0 ? text.length : nl + 1;
    const last = content.charCodeAt(content.length - 1);
    if (last === 32 || last === 9) padded++;
    // Lines joined by a lone CR ("v=0\ro=- …"): browsers split at LF only; said once, where it first happens.
    if (loneCr && crJoined === null) {
      const cr = content.indexOf('\r');
      if (cr >= 0 && cr + 2 < content.length && content.charCodeAt(cr + 2) === 61 && /[a-z]/.test(content[cr + 1]!)) crJoined = { line: lineNo, next: content.slice(cr + 1, cr + 3) };
    }
    if (nl >= 0 && start === text.length) finalEol = true;

    const node = readLine(content, lineNo, problems);
    const blank = node.kind === 'invalid' && content.trim() === '';
    if (!blank) lastContent = lineNo;
    // Blank lines right before an m= line, an m-section above them: Firefox stops reading there and
    // takes the description before them (an offer cut short; JSEP's examples as their RFC prints them).
    if (blank) {
      if (blankRun < 0) blankRun = lineNo;
    } else {
      if (blankRun >= 0 && node.kind === 'media' && sections.length > 0) blanksBeforeMedia.push(blankRun, lineNo - 1);
      blankRun = -1;
    }
    if (ending === '\r') (node as { eol?: string }).eol = ending;
    else if (ending !== '') {
      if (eol === null) eol = ending;
      else if (ending !== eol) {
        mixed = true;
        // Set on the node readLine just made (a spread here cost a microsecond a line).
        (node as { eol?: string }).eol = ending;
      }
    }
    if (node.kind === 'media') {
      current = [];
      sections.push(current);
    }
    current.push(node);
  }
  // Blank lines before an m= line: Firefox takes the description above them (measured: JSEP's offer A1,
  // a blank line before its video m-section, taken by Firefox ESR 153; refused by Chromium 156).
  if (blanksBeforeMedia.length > 0) {
    const beforeMedia = (line: number) => {
      for (let k = 0; k < blanksBeforeMedia.length; k += 2) if (line >= blanksBeforeMedia[k]! && line <= blanksBeforeMedia[k + 1]!) return true;
      return false;
    };
    for (let i = 0; i < found.length; i++) {
      const d = found[i]!;
      if (d.kind === 'blank-line' && d.line !== null && beforeMedia(d.line)) found[i] = diagnostic('blank-line', BLANK_BEFORE_MEDIA, { line: d.line, column: d.column, mid: d.mid, browsers: { chromium: 'rejects', firefox: 'accepts' } });
    }
  }
  // Blank lines after the last line: Chromium's alone to reject (sdp-diff audit).
  if (lastContent < lineNo) {
    for (let i = 0; i < found.length; i++) {
      const d = found[i]!;
      if (d.kind === 'blank-line' && d.line !== null && d.line > lastContent) found[i] = diagnostic('blank-line', BLANK_AFTER, { line: d.line, column: d.column, mid: d.mid, browsers: { chromium: 'rejects', firefox: 'accepts' } });
    }
  }
  if (mixed) problems.push(diagnostic('mixed-line-endings', 'some lines end with CRLF and others with LF', NOWHERE));
  // Most lines padded with a blank: one cause of many findings, said once (sample hunt: a go2rtc
  // log of a Safari offer, every line with a blank after it, gave 12 errors and none named it).
  if (padded >= 3 && padded * 2 >= lastContent) problems.push(diagnostic('trailing-blanks', `${padded} of ${lastContent} lines end with a blank or a tab (a log or a copy that pads its lines): the findings on those lines follow from it (a value with a blank after it is another value to a browser)`, NOWHERE));
  if (crJoined !== null) problems.push(diagnostic('cr-line-endings', `line ${crJoined.line} holds more lines joined by a lone CR (before "${crJoined.next}"): browsers split an SDP at LF only and read them as one line`, { line: crJoined.line, column: null, mid: null }));
  // A whole description without its last line ending is an error Chromium's parser raises (a browser rule below); a fragment's is a warning.
  if (!finalEol && lineNo > 0 && fragment) problems.push(diagnostic('no-final-line-ending', `line ${lineNo}, the last, has no line ending: was the SDP cut?`, { line: lineNo, column: null, mid: null }));
  if (!finalEol && lineNo > 0 && !fragment) {
    problems.push(ruleDiagnostic('no-final-line-ending', `line ${lineNo}, the last, has no line ending`, { line: lineNo, column: null, mid: null }));
  }
  return madeByParser(buildDescription(session, sections, eol ?? '\r\n', finalEol, fragment, bom, found, problems), text);
}
