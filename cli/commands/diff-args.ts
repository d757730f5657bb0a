/** sdp-diff's arguments, read by hand (an argument library would double its start-up time). Pure. */
import { SdpscopeError } from '../../src/errors.js';

export const HELP = `Usage: sdp-diff OFFER ANSWER
       sdp-diff CALL           (one file holding both: a webrtc-internals dump, a frame log)

Reads SDPs in any form sdpscope detects: raw SDP, {type,sdp} JSON, the seed's
{"type":"offer","offer":{...}} frames, relay/NDJSON logs, webrtc-internals dumps; - is stdin.
An offer and an answer give the negotiation report: per m-line the codecs kept, dropped
(with the reason) and answer-only, direction, DTLS roles, ICE, BUNDLE, then diagnostics.
Two offers or two answers give what changed (renegotiation): codecs, directions, ssrcs,
msid, ICE credentials (ICE restart), fingerprints, candidates.

Options:
  --json        print the report as JSON
  --color       colour even when not a terminal
  --no-color    no colour (so does the NO_COLOR variable)
  -h, --help    this text

Exit status: 0 negotiates without errors (or a diff), 1 errors found, 2 bad input or usage.

Examples:
  sdp-diff samples/offer.json samples/answer.json
  sdp-diff --json offer.sdp answer.sdp | jq '.media[].codecs.negotiated[0]'
  sdp-diff webrtc_internals_dump.txt
  sdp-diff first-offer.json renegotiated-offer.json
`;

export interface DiffArgs {
  readonly files: string[];
  readonly json: boolean;
  readonly color: boolean | undefined;
  readonly help: boolean;
}

/** Parses sdp-diff's arguments; throws USAGE for an unknown option. Pure. */
export function parseDiffArgs(argv: readonly string[]): DiffArgs {
  const files: string[] = [];
  let json = false;
  let color: boolean | undefined;
  let help = false;
  let onlyFiles = false;
  for (const arg of argv) {
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) files.push(arg);
    else if (arg === '--') onlyFiles = true;
    else if (arg === '--json') json = true;
    else if (arg === '--color') color = true;
    else if (arg === '--no-color') color = false;
    else if (arg === '-h' || arg === '--help') help = true;
    else throw new SdpscopeError('USAGE', `unknown option ${arg} (see --help)`);
  }
  return { files, json, color, help };
}
