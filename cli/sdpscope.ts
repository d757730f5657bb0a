#!/usr/bin/env node
/** sdpscope: parse SDPs and candidates (more commands: candidates, relay, client as they land). */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { SdpscopeError } from '../src/errors';
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
    .demandCommand(1, 'name a command: parse')
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
