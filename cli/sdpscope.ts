#!/usr/bin/env node
/** sdpscope: parse SDPs, analyse candidate logs (relay and client land with their issue). */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { SdpscopeError } from '../src/errors';
import { candidatesCommand } from './commands/candidates';
import { parseCommand } from './commands/parse';
import { wantColor } from './render/style';
import { coerceFile, run } from './run';

const write = (s: string) => process.stdout.write(s);

run('sdpscope', async () => {
  let code = 0;
  await yargs(hideBin(process.argv))
    .scriptName('sdpscope')
    .usage('$0 <command> [options]')
    .command(
      'parse <file>',
      'Summarise every SDP and candidate in a file ("-" for stdin): raw SDP, {type,sdp} JSON, the seed\'s frames, NDJSON logs, webrtc-internals dumps',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, coerce: coerceFile, describe: 'file to read, or - for standard input' })
          .option('json', { type: 'boolean', default: false, describe: 'print the parsed model as JSON' })
          .option('color', { type: 'boolean', describe: 'force colour on or off (NO_COLOR is honoured)' })
          .example('$0 parse samples/offer.json', 'summary of the seed offer')
          .example('$0 parse --json samples/call.ndjson', 'every frame of a call log, as JSON')
          .example('pbpaste | $0 parse -', 'an SDP from the clipboard'),
      async (argv) => {
        code = await parseCommand({ file: argv.file!, json: argv.json, color: wantColor(argv.color, process.stdout) }, write);
      },
    )
    .command(
      'candidates [files..]',
      'Every ICE candidate in logs (stdin when no file or -): by session, with priorities split, NAT mapping inferred, calls\' pairs predicted',
      (y) =>
        y
          .positional('files', { type: 'string', array: true, default: [], describe: 'files to read (- for stdin)' })
          .option('json', { type: 'boolean', describe: 'print the final report as JSON' })
          .option('ndjson', { type: 'boolean', describe: 'print one JSON line per candidate as it is found (streaming, flat memory)' })
          .option('summary', { type: 'boolean', default: false, describe: 'per session: counts, NAT and findings; no candidate tables, no pairs (lightest memory)' })
          .option('strict', { type: 'boolean', default: false, describe: 'stop at the first candidate that does not parse (exit 2)' })
          .option('max-sessions', { type: 'number', describe: 'sessions kept open at once before the least active are reported (default 2000)' })
          .option('color', { type: 'boolean', describe: 'force colour on or off (NO_COLOR is honoured)' })
          .conflicts('json', 'ndjson')
          .example('cat calls.log | $0 candidates', 'candidates from a log on stdin')
          .example('$0 candidates alice.log bob.log', 'both sides of a call, pairs predicted')
          .example('$0 candidates --ndjson fleet.log | jq .addressClass', 'stream records'),
      async (argv) => {
        const files = (argv.files ?? []).map((f) => (f === '' ? '-' : f));
        code = await candidatesCommand(
          {
            files,
            json: argv.json === true,
            ndjson: argv.ndjson === true,
            summary: argv.summary,
            strict: argv.strict,
            color: wantColor(argv.color, process.stdout),
            ...(argv['max-sessions'] !== undefined ? { maxSessions: argv['max-sessions'] } : {}),
            progress: process.stderr.isTTY === true,
          },
          write,
          (t) => process.stderr.write(t),
        );
      },
    )
    .demandCommand(1, 'name a command: parse, candidates')
    .strict()
    .help()
    .version(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new SdpscopeError('USAGE', `${msg} (see --help)`);
    })
    .parseAsync();
  return code;
});
