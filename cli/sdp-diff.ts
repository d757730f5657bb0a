#!/usr/bin/env node
/**
 * sdp-diff: what an offer and an answer negotiated, m-line by m-line, or what changed between
 * two offers or two answers. Arguments are read by hand: this command starts in a few
 * milliseconds more than Node itself, which an argument library would double.
 */
import { diffCommand } from './commands/diff.js';
import { HELP, parseDiffArgs } from './commands/diff-args.js';
import { wantColor } from './render/style.js';
import { run } from './run.js';

run('sdp-diff', async () => {
  const args = parseDiffArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  return diffCommand({ files: args.files, json: args.json, color: wantColor(args.color, process.stdout) }, (s) => process.stdout.write(s));
});
