#!/usr/bin/env node
/**
 * sdp-diff: what an offer and an answer negotiated, m-line by m-line, or what changed between
 * two offers or two answers. The same argument conventions as sdpscope (cli/args.ts).
 */
import { SdpscopeError } from '../src/errors.js';
import { PACKAGE_VERSION } from '../src/node/paths.js';
import { checkOptions, COMMON_OPTIONS, fileArg, helpAsFile, integer, parser, prepareArgv, valued, type OptionTable } from './args.js';
import { wantColor } from './render/style.js';
import { run, terminalIo } from './run.js';

/** --round: an integer other than 0 ("last" is -1). */
function roundArg(v: unknown): number {
  const n = integer('round', -1e6, 1e6, { last: -1 })(v);
  if (n === 0) throw new SdpscopeError('USAGE', '--round counts from 1 (the first round) or from -1 (the last): 0 is none');
  return n;
}

export const OPTIONS = valued({
  json: { type: 'boolean', default: false, describe: 'print the report as JSON' },
  room: { type: 'string', describe: 'a relay log with several rooms: the room to compare' },
  pc: { type: 'string', describe: 'a webrtc-internals dump with several peer connections: the one to compare ("8-1")' },
  round: { type: 'string', coerce: roundArg, describe: 'one file with several offer/answer rounds (a renegotiation): the round to compare, from 1, or "last" (-1 too; -2 the one before)' },
  diff: { type: 'boolean', default: false, describe: 'compare two descriptions as before → after (a renegotiation), whatever their types; with one file, a round against the one before it (the last round, or --round)' },
} as const) satisfies OptionTable;

const DESCRIPTION = `Reads SDPs in any form sdpscope detects: raw SDP, {type,sdp} JSON, signaling frames
({"type":"offer","offer":{...}}), relay/NDJSON logs, webrtc-internals dumps; - is stdin.
An offer and an answer give the negotiation report: per m-line the codecs kept, dropped (with
the reason) and answer-only, direction, DTLS roles, ICE, BUNDLE, then diagnostics. Two offers
or two answers give what changed (renegotiation): codecs, directions, ssrcs, msid, ICE
credentials (ICE restart), fingerprints, candidates.

Exit status: 0 negotiates without errors (or a diff), 1 errors found, 2 bad input or usage.`;

const argv = prepareArgv(process.argv.slice(2));

run('sdp-diff', async () => {
  checkOptions(argv, { ...COMMON_OPTIONS, ...OPTIONS }, 'sdp-diff');
  let code = 0;
  // A file named "help" is a file, not --help.
  await parser('sdp-diff', helpAsFile(argv, { ...COMMON_OPTIONS, ...OPTIONS }), PACKAGE_VERSION)
    .usage('$0 OFFER ANSWER\n$0 CALL          (one file holding both: a frame log, a webrtc-internals dump)\n\n' + DESCRIPTION)
    .command(
      '$0 [files..]',
      false,
      (c) => c.positional('files', { type: 'string', array: true, describe: 'one file holding both, or the offer and the answer (- for stdin)' }).options(OPTIONS),
      async (a) => {
        const { diffCommand } = await import('./commands/diff.js');
        const color = wantColor(a['color'] as boolean | undefined, process.stdout);
        // No file: standard input when something is piped in, as parse and candidates read it
        // (README walk: "nothing to read" with a pipe); at a terminal, a usage error, not a wait.
        const given = [a['files'] ?? []].flat().map(fileArg);
        if (given.length === 0 && process.stdin.isTTY === true) throw new SdpscopeError('USAGE', 'nothing to read: give the offer and the answer, one file holding both, or pipe one in (- for standard input; see sdp-diff --help)');
        code = await diffCommand(
          {
            files: given.length === 0 ? ['-'] : given,
            json: a['json'] === true,
            color,
            ...(a['room'] !== undefined ? { room: String(a['room']) } : {}),
            ...(a['pc'] !== undefined ? { pc: String(a['pc']) } : {}),
            ...(a['round'] !== undefined ? { round: a['round'] as number } : {}),
            diff: a['diff'] === true,
          },
          terminalIo(() => color).out,
        );
      },
    )
    .example('$0 samples/offer.json samples/answer.json', 'the negotiation of an offer and its answer')
    .example('$0 --json offer.sdp answer.sdp | jq ".media[].codecs.negotiated[0]"', 'as JSON')
    .example('$0 call.ndjson --room r2', 'one room of a relay log')
    .example('$0 dump.json --pc 8-1 --round last', 'the last offer and answer of a peer connection (after a renegotiation)')
    .example('$0 first-offer.json renegotiated-offer.json', 'two offers: what changed')
    .example('$0 --diff before.sdp after.sdp', 'two raw SDPs compared as before → after')
    .parseAsync();
  return code;
});
