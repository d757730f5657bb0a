#!/usr/bin/env node
/**
 * sdp-diff: what an offer and an answer negotiated, m-line by m-line, or what changed between
 * two offers or two answers. Arguments are read by hand: this command starts in a few
 * milliseconds more than Node itself, which an argument library would double.
 */
import { SdpscopeError } from '../src/errors';
import { diffCommand } from './commands/diff';
import { wantColor } from './render/style';
import { run } from './run';

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

if (require.main === module) {
  run('sdp-diff', async () => {
    const args = parseDiffArgs(process.argv.slice(2));
    if (args.help) {
      process.stdout.write(HELP);
      return 0;
    }
    return diffCommand({ files: args.files, json: args.json, color: wantColor(args.color, process.stdout) }, (s) => process.stdout.write(s));
  });
}
