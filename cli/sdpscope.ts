#!/usr/bin/env node
/** sdpscope: parse SDPs, analyse candidate logs (relay and client land with their issue). */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { SdpscopeError } from '../src/errors.js';
import { candidatesCommand } from './commands/candidates.js';
import { clientCommand } from './commands/client.js';
import { labCommand } from './commands/lab.js';
import { NAT_DESCRIPTIONS, NAT_KINDS } from '../src/lab/topology.js';
import { BROWSERS } from '../src/lab/browsers.js';
import { relayCommand } from './commands/relay.js';
import { RELAY_DEFAULTS } from '../src/node/relay/index.js';
import { parseCommand } from './commands/parse.js';
import { wantColor } from './render/style.js';
import { coerceFile, run } from './run.js';

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
    .command(
      'relay',
      'The signaling relay (the seed\'s protocol, port 53378): rooms, every frame logged with its meaning, limits, token, TLS; serves the call page at /',
      (y) =>
        y
          .option('host', { type: 'string', default: RELAY_DEFAULTS.host, describe: 'address to bind (0.0.0.0 as the seed; 127.0.0.1 to stay local)' })
          .option('port', { type: 'number', default: RELAY_DEFAULTS.port, describe: 'port (0: any free one)' })
          .option('log', { type: 'string', describe: 'NDJSON log file, one line per frame (appended)' })
          .option('keep-secrets', { type: 'boolean', default: false, describe: 'log ice-pwd, credential, password... as sent' })
          .option('room-size', { type: 'number', default: RELAY_DEFAULTS.roomSize, describe: 'clients per room' })
          .option('max-clients', { type: 'number', default: RELAY_DEFAULTS.maxClients, describe: 'clients at once (more: HTTP 503)' })
          .option('max-frame', { type: 'number', default: RELAY_DEFAULTS.maxFrameBytes, describe: 'largest frame in bytes (larger: close 1009)' })
          .option('max-rate', { type: 'number', default: RELAY_DEFAULTS.maxFramesPerSecond, describe: 'frames per second per client (excess dropped)' })
          .option('max-buffered', { type: 'number', default: RELAY_DEFAULTS.maxBufferedBytes, describe: 'bytes queued to one client (more: close 1013)' })
          .option('heartbeat', { type: 'number', default: RELAY_DEFAULTS.heartbeatMs, describe: 'ping interval in ms; dead clients dropped (0: off)' })
          .option('token', { type: 'string', describe: 'clients must present it (?token= or Authorization: Bearer)' })
          .option('origin', { type: 'string', array: true, describe: 'allowed Origin (repeatable); others get 403' })
          .option('tls-cert', { type: 'string', describe: 'PEM certificate: serve https and wss' })
          .option('tls-key', { type: 'string', describe: 'PEM private key' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no console lines' })
          .option('color', { type: 'boolean', describe: 'force colour on or off' })
          .example('$0 relay --log call.ndjson', 'relay on 0.0.0.0:53378, the call page at http://<host>:53378/')
          .example('$0 relay --host 127.0.0.1 --port 0 --token s3cret', 'local only, any port, with a token'),
      async (argv) => {
        const relay = await relayCommand(
          {
            host: argv.host,
            port: argv.port,
            ...(argv.log !== undefined ? { log: argv.log } : {}),
            keepSecrets: argv['keep-secrets'],
            roomSize: argv['room-size'],
            maxClients: argv['max-clients'],
            maxFrameBytes: argv['max-frame'],
            maxFramesPerSecond: argv['max-rate'],
            maxBufferedBytes: argv['max-buffered'],
            heartbeatMs: argv.heartbeat,
            ...(argv.token !== undefined ? { token: argv.token } : {}),
            ...(argv.origin !== undefined ? { origins: argv.origin } : {}),
            ...(argv['tls-cert'] !== undefined ? { tlsCert: argv['tls-cert'] } : {}),
            ...(argv['tls-key'] !== undefined ? { tlsKey: argv['tls-key'] } : {}),
            quiet: argv.quiet,
            color: wantColor(argv.color, process.stdout),
          },
          write,
        );
        // Runs until a signal; then closes clients and flushes the log.
        code = await new Promise<number>((resolve) => {
          const stop = () => void relay.close().then(() => resolve(0));
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      },
    )
    .command(
      'client [url]',
      'Join a relay room, print every frame received with its summary, send frames from files or stdin',
      (y) =>
        y
          .positional('url', { type: 'string', default: 'ws://127.0.0.1:53378', describe: 'relay URL' })
          .option('room', { type: 'string', describe: 'room to join (default: the relay\'s default room)' })
          .option('token', { type: 'string', describe: 'relay token' })
          .option('send', { type: 'string', array: true, default: [], describe: 'file of frames to send (a JSON value, an array, or NDJSON; - for stdin); repeatable' })
          .option('expect', { type: 'number', describe: 'exit 0 once this many call frames arrived (1 on timeout)' })
          .option('timeout', { type: 'number', describe: 'ms to wait (default 10000 with --expect, else forever)' })
          .option('json', { type: 'boolean', default: false, describe: 'print NDJSON: {time, notice, frame, summary}' })
          .option('insecure', { type: 'boolean', default: false, describe: 'accept a self-signed wss certificate' })
          .option('color', { type: 'boolean', describe: 'force colour on or off' })
          .example('$0 client --send samples/offer.json --expect 1', 'send the seed offer, wait for one frame back')
          .example('$0 client ws://127.0.0.1:53378 --room r1 --json', 'watch a room as NDJSON'),
      async (argv) => {
        code = await clientCommand(
          {
            url: argv.url!,
            ...(argv.room !== undefined ? { room: argv.room } : {}),
            ...(argv.token !== undefined ? { token: argv.token } : {}),
            send: argv.send.map((f) => (f === '' ? '-' : String(f))),
            ...(argv.expect !== undefined ? { expect: argv.expect } : {}),
            ...(argv.timeout !== undefined ? { timeoutMs: argv.timeout } : {}),
            json: argv.json,
            color: wantColor(argv.color, process.stdout),
            insecure: argv.insecure,
          },
          write,
        );
      },
    )
    .command(
      'lab',
      'Reproduce a NAT type locally (root, Linux) and watch a browser call through it: namespaces, two NAT routers, coturn, the relay, headless Chromium or Firefox; every frame printed; then sdpscope checked against the browsers',
      (y) =>
        y
          .option('nat-a', { choices: NAT_KINDS, default: 'cone' as const, describe: 'the NAT in front of A (the caller)' })
          .option('nat-b', { choices: NAT_KINDS, default: 'symmetric' as const, describe: 'the NAT in front of B' })
          .option('browser-a', { choices: BROWSERS, default: 'chromium' as const, describe: 'A\'s browser (Debian chromium or firefox-esr)' })
          .option('browser-b', { choices: BROWSERS, default: 'chromium' as const, describe: 'B\'s browser' })
          .option('media', { choices: ['audio-video', 'data'] as const, default: 'audio-video' as const, describe: 'fake camera and microphone, or a data channel only' })
          .option('video-codecs', { type: 'string', array: true, default: [] as string[], describe: 'video codecs A offers (e.g. H264)' })
          .option('artifacts', { type: 'string', describe: 'folder for the relay log, stats, screenshots (default ./lab-<time>)' })
          .option('timeout', { type: 'number', default: 45_000, describe: 'ms for ICE to connect and media to flow' })
          .option('json', { type: 'boolean', default: false, describe: 'print only the checks, as JSON' })
          .option('color', { type: 'boolean', describe: 'force colour on or off' })
          .epilogue(`NATs:\n${NAT_KINDS.map((k) => `  ${k}: ${NAT_DESCRIPTIONS[k]}`).join('\n')}\n\nNeeds root, Linux, iproute2, iptables, coturn, and chromium and/or firefox-esr (Debian packages). Nothing leaves the lab's namespaces.`)
          .example('sudo $0 lab --nat-a symmetric --nat-b symmetric', 'two symmetric NATs: the call must go through TURN')
          .example('sudo $0 lab --browser-b firefox --video-codecs H264', 'an H264-only offer to Firefox: video rejected'),
      async (argv) => {
        code = await labCommand(
          {
            natA: argv['nat-a'],
            natB: argv['nat-b'],
            browserA: argv['browser-a'],
            browserB: argv['browser-b'],
            media: argv.media,
            videoCodecs: argv['video-codecs'].flatMap((c) => String(c).split(',')).filter(Boolean),
            artifacts: argv.artifacts ?? `lab-${new Date().toISOString().replace(/[:.]/g, '-')}`,
            timeoutMs: argv.timeout,
            json: argv.json,
            color: wantColor(argv.color, process.stdout),
          },
          write,
        );
      },
    )
    .demandCommand(1, 'name a command: parse, candidates, relay, client, lab')
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
