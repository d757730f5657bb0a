#!/usr/bin/env node
/**
 * sdpscope: parse SDPs, analyse candidate logs, run the signaling relay and a client, run the NAT
 * lab. Each command's module is loaded only when that command runs.
 */
import { existsSync } from 'node:fs';
import type { Argv } from 'yargs';
import { SdpscopeError } from '../src/errors.js';
import { BROWSERS, LAB_MEDIA, NAT_DESCRIPTIONS, NAT_KINDS } from '../src/lab/kinds.js';
import { PACKAGE_VERSION } from '../src/node/paths.js';
import { MAX_ROOM_NAME, RELAY_DEFAULTS } from '../src/node/relay/options.js';
import { checkOptions, COMMON_OPTIONS, fileArg, helpAsFile, integer, lastOf, bindHost, nonEmpty, parser, prepareArgv, valued, type OptionTable } from './args.js';
import { wantColor } from './render/style.js';
import { run, stdoutDrained, terminalIo } from './run.js';

/** A room name the relay takes (README walk: a longer one was "the relay did not understand the request"). */
function roomName(v: unknown): string {
  const text = String(lastOf(v));
  // An empty name was the default room, without a word (probe audit).
  if (text === '') throw new SdpscopeError('USAGE', '--room is empty: name a room, or leave --room out for the relay\'s default room');
  if ([...text].length > MAX_ROOM_NAME) throw new SdpscopeError('USAGE', `--room is ${[...text].length} characters: the relay takes up to ${MAX_ROOM_NAME}`);
  return text;
}

const MAX_INT = Number.MAX_SAFE_INTEGER;

/** Every command's options: yargs reads them, and so does the unknown-option check. */
const OPTIONS = {
  parse: valued({
    json: { type: 'boolean', default: false, describe: 'print the parsed model as JSON' },
    type: { choices: ['offer', 'answer'], describe: 'read each description the input does not type (a bare SDP) as an offer or an answer, and check what that side must say (a=setup, the SCTP port of an answer, legal ICE credentials)' },
  }),
  candidates: valued({
    json: { type: 'boolean', describe: 'print the final report as JSON' },
    ndjson: { type: 'boolean', describe: 'print one JSON line per candidate as it is found (streaming, flat memory)' },
    summary: { type: 'boolean', describe: 'per session: counts, NAT and findings; no candidate tables, no pairs (lightest memory)' },
    strict: { type: 'boolean', default: false, describe: 'stop at the first candidate that does not parse (exit 2)' },
    'max-sessions': { type: 'string', coerce: integer('max-sessions', 1, 1e9), describe: 'sessions kept open at once before the least active are reported (default 2000)' },
  }),
  relay: valued({
    host: { type: 'string', default: RELAY_DEFAULTS.host, coerce: bindHost('host'), describe: 'address to bind (0.0.0.0: every interface; 127.0.0.1 to stay local)' },
    port: { type: 'string', default: String(RELAY_DEFAULTS.port), coerce: integer('port', 0, 65535), describe: 'port (0: any free one)' },
    log: { type: 'string', describe: 'NDJSON log file, one line per frame (appended)' },
    'keep-secrets': { type: 'boolean', default: false, describe: 'log ice-pwd, credential, password... as sent' },
    'room-size': { type: 'string', default: String(RELAY_DEFAULTS.roomSize), coerce: integer('room-size', 1, MAX_INT, { unlimited: 'unlimited' as const }), describe: 'clients per room, or "unlimited" (every frame to every other client, a plain broadcast server)' },
    'max-clients': { type: 'string', default: String(RELAY_DEFAULTS.maxClients), coerce: integer('max-clients', 1, MAX_INT), describe: 'clients at once (more: HTTP 503)' },
    'max-frame': { type: 'string', default: String(RELAY_DEFAULTS.maxFrameBytes), coerce: integer('max-frame', 1, 2 ** 31), describe: 'largest frame in bytes (larger: close 1009)' },
    'max-rate': { type: 'string', default: String(RELAY_DEFAULTS.maxFramesPerSecond), coerce: integer('max-rate', 1, MAX_INT), describe: 'frames per second per client (excess dropped)' },
    'max-bytes-rate': { type: 'string', default: String(RELAY_DEFAULTS.maxBytesPerSecond), coerce: integer('max-bytes-rate', 1, MAX_INT), describe: 'bytes per second per client, bursts up to one largest frame (excess frames dropped: the sender is throttled, not its peers)' },
    'max-buffered': { type: 'string', default: String(RELAY_DEFAULTS.maxBufferedBytes), coerce: integer('max-buffered', 1, MAX_INT), describe: 'bytes queued to one client (more: the client is cut)' },
    heartbeat: { type: 'string', default: String(RELAY_DEFAULTS.heartbeatMs), coerce: integer('heartbeat', 0, 2 ** 31 - 1), describe: 'ping interval in ms; dead clients dropped (0: off)' },
    token: { type: 'string', coerce: nonEmpty('token'), describe: 'clients must present it (?token= or Authorization: Bearer)' },
    origin: { type: 'string', array: true, describe: 'allowed Origin (repeatable); others get 403' },
    'tls-cert': { type: 'string', describe: 'PEM certificate: serve https and wss' },
    'tls-key': { type: 'string', describe: 'PEM private key' },
    'log-failure': { choices: ['stop', 'continue'], default: RELAY_DEFAULTS.logFailure, describe: 'when the log cannot be written any more (full disk, I/O error): stop the relay (exit 2), or relay on without a log; said on stderr either way' },
    quiet: { type: 'boolean', default: false, describe: 'no console line per frame (start-up, warnings and errors still)' },
  }),
  client: valued({
    room: { type: 'string', coerce: roomName, describe: `room to join, up to ${MAX_ROOM_NAME} characters (default: the relay's default room)` },
    token: { type: 'string', coerce: nonEmpty('token'), describe: 'relay token' },
    // One file per --send (repeat it for more): an array option took a URL after it for a file (relay audit).
    send: { type: 'string', requiresArg: true, default: [], coerce: (v: unknown) => [v].flat().map(String), describe: 'file of frames to send (a JSON value, an array, or NDJSON; - for stdin, read whole before connecting); repeat --send for more. With no --expect the client stays until the relay closes or Ctrl-C: --expect 0 leaves once they are sent' },
    expect: { type: 'string', coerce: integer('expect', 0, MAX_INT), describe: 'exit 0 once this many call frames arrived (1 on timeout)' },
    timeout: { type: 'string', coerce: integer('timeout', 1, 2 ** 31 - 1), describe: 'ms to wait (default 10000 with --expect, else until the relay closes)' },
    json: { type: 'boolean', default: false, describe: 'print NDJSON: {time, notice, frame, summary}' },
    insecure: { type: 'boolean', default: false, describe: 'accept a self-signed wss certificate' },
    'keep-secrets': { type: 'boolean', default: false, describe: 'print frames as received (ice-pwd, credentials, tokens: redacted by default, as in the relay\'s log)' },
  }),
  ice: valued({
    pc: { type: 'string', describe: 'only this peer connection (its id in the dump: "11-1", "PC_0")' },
    json: { type: 'boolean', default: false, describe: 'print the reports as JSON' },
  }),
  probe: valued({
    // Empty, they were sent and the server's 401 blamed on them (probe audit).
    username: { type: 'string', coerce: nonEmpty('username'), describe: 'TURN username (for turn: and turns: URIs)' },
    credential: { type: 'string', coerce: nonEmpty('credential'), describe: 'TURN password (or a TURN REST-API credential)' },
    'ice-servers': { type: 'string', describe: 'an RTCConfiguration-style JSON file: [{"urls", "username", "credential"}] or {"iceServers": [...]} (- for stdin)' },
    timeout: { type: 'string', default: '2500', coerce: integer('timeout', 1, 600_000), describe: 'ms to wait for each answer (UDP is retransmitted meanwhile)' },
    deadline: { type: 'string', coerce: integer('deadline', 1, 3_600_000), describe: 'ms for the whole probe: checks not finished by then end as "deadline" (default 60000, or 4 × --timeout when that is longer)' },
    nat: { type: 'boolean', default: true, describe: 'run the RFC 5780 NAT behaviour tests (--no-nat: servers only)' },
    json: { type: 'boolean', default: false, describe: 'print the report as JSON' },
  }),
  lab: valued({
    'nat-a': { choices: NAT_KINDS, default: 'port-restricted-cone', describe: 'the NAT in front of A (the caller)' },
    'nat-b': { choices: NAT_KINDS, default: 'symmetric', describe: 'the NAT in front of B' },
    'browser-a': { choices: BROWSERS, default: 'chromium', describe: 'A\'s browser (Debian chromium or firefox-esr)' },
    'browser-b': { choices: BROWSERS, default: 'chromium', describe: 'B\'s browser' },
    media: { choices: LAB_MEDIA, default: 'audio-video', describe: 'fake camera and microphone, or a data channel only' },
    'video-codecs': { type: 'string', array: true, default: [], describe: 'video codecs A offers (e.g. H264)' },
    artifacts: { type: 'string', describe: 'folder for the relay log, stats, screenshots (default ./lab-<time>)' },
    timeout: { type: 'string', default: '45000', coerce: integer('timeout', 1, 2 ** 31 - 1), describe: 'ms for ICE to connect and media to flow' },
    json: { type: 'boolean', default: false, describe: 'print {ok, artifacts, checks, selectedPairs} as JSON instead of the lines' },
  }),
} as const satisfies Record<string, OptionTable>;

type Command = keyof typeof OPTIONS;
const COMMANDS = Object.keys(OPTIONS) as Command[];

/** `sdpscope help [command]` is `sdpscope [command] --help`. */
const given = process.argv.slice(2);
// "help help" (or "help help parse") is help too: each leading "help" dropped (README walk: "unknown command help").
const argv = prepareArgv(given[0] === 'help' ? [...given.slice(given.findIndex((g) => g !== 'help') < 0 ? given.length : given.findIndex((g) => g !== 'help')), '--help'] : given);
/** Whether the running command colours its output: decided by `color` before the command writes. */
let colored = false;
const color = (flag: unknown) => (colored = wantColor(flag as boolean | undefined, process.stdout));
const IO = terminalIo(() => colored);
const files = (v: unknown) => [v ?? []].flat().map(fileArg);

run('sdpscope', async () => {
  const command = argv.find((a) => !a.startsWith('-'));
  // Before yargs, which would call an unknown command an "unexpected argument".
  if (command !== undefined && !(COMMANDS as string[]).includes(command)) throw new SdpscopeError('USAGE', `unknown command ${command}: the commands are ${COMMANDS.join(', ')} (see sdpscope --help)`);
  if (command !== undefined && (COMMANDS as string[]).includes(command)) checkOptions(argv, { ...COMMON_OPTIONS, ...OPTIONS[command as Command] }, `sdpscope ${command}`);
  // No command: an option no command-less call has is named (README audit: `sdpscope --bogus` said only "name a command").
  if (command === undefined) checkOptions(argv, COMMON_OPTIONS, 'sdpscope');
  // The commands that read files: one named "help" is a file, not --help.
  const args = command === 'parse' || command === 'candidates' || command === 'ice' ? helpAsFile(argv, { ...COMMON_OPTIONS, ...OPTIONS[command] }, 1) : argv;
  let code = 0;
  const y: Argv = parser('sdpscope', args, PACKAGE_VERSION)
    .usage('$0 <command> [options]\n\nWebRTC debugging: SDPs, ICE candidates, a signaling relay, a NAT lab.')
    .command(
      'parse [file]',
      'Summarise every SDP and candidate in a file ("-" for stdin): raw SDP, {type,sdp} JSON, signaling frames, NDJSON logs, webrtc-internals dumps',
      (c) =>
        c
          .positional('file', { type: 'string', describe: 'file to read, or - for standard input (the default when it is a pipe or a file)' })
          .options(OPTIONS.parse)
          .example('$0 parse samples/offer.json', 'summary of an offer frame')
          .example('$0 parse --json samples/call.ndjson | head -20', 'every frame of a call log, as JSON')
          .example('pbpaste | $0 parse -', 'an SDP from the clipboard')
          .example('$0 parse --type offer gateway-offer.sdp', 'a bare SDP checked as an offer'),
      async (a) => {
        const { parseCommand } = await import('./commands/parse.js');
        // No file: standard input when something is piped or redirected in; at a terminal, say how (no silent wait).
        if (a['file'] === undefined && process.stdin.isTTY === true) throw new SdpscopeError('USAGE', 'nothing to read: give a file, or pipe one in (- for standard input; see sdpscope parse --help)');
        code = await parseCommand({ file: a['file'] === undefined ? '-' : fileArg(a['file']), json: a['json'] === true, color: color(a['color']), type: lastOf(a['type']) as 'offer' | 'answer' | undefined }, IO.out, stdoutDrained);
      },
    )
    .command(
      'candidates [files..]',
      'Every ICE candidate in logs (stdin when no file or -): by session, priorities split, NAT mapping inferred, calls\' pairs predicted',
      (c) =>
        c
          .positional('files', { type: 'string', array: true, describe: 'files to read (- for stdin)' })
          .options(OPTIONS.candidates)
          .conflicts('json', 'ndjson')
          .conflicts('summary', ['json', 'ndjson'])
          .example('cat calls.log | $0 candidates', 'candidates from a log on stdin')
          .example('$0 candidates alice.log bob.log', 'both sides of a call, pairs predicted')
          .example('$0 candidates --ndjson fleet.log | head -5', 'stream records'),
      async (a) => {
        if (files(a['files']).length === 0 && process.stdin.isTTY === true) throw new SdpscopeError('USAGE', 'nothing to read: give a file, or pipe one in (- for standard input; see sdpscope candidates --help)');
        const { candidatesCommand } = await import('./commands/candidates.js');
        code = await candidatesCommand(
          {
            files: files(a['files']),
            json: a['json'] === true,
            ndjson: a['ndjson'] === true,
            summary: a['summary'] === true,
            strict: a['strict'] === true,
            color: color(a['color']),
            ...(a['max-sessions'] !== undefined ? { maxSessions: a['max-sessions'] as number } : {}),
            progress: process.stderr.isTTY === true,
          },
          IO.out,
          IO.err,
          stdoutDrained,
        );
      },
    )
    .command(
      'relay',
      'The signaling relay (a WebSocket server on port 53378): rooms, every frame forwarded unchanged and logged with its meaning, limits, token, TLS; serves the call page at / and the inspector at /inspect',
      (c) =>
        c
          .options(OPTIONS.relay)
          .example('$0 relay --log call.ndjson', 'every interface, port 53378; the call page at http://<host>:53378/')
          .example('$0 relay --host 127.0.0.1 --port 0 --token s3cret', 'local only, any free port, with a token')
          .example('$0 relay --room-size unlimited', 'every frame to every other client, however many'),
      async (a) => {
        const { relayCommand } = await import('./commands/relay.js');
        code = await relayCommand(
          {
            host: a['host'] as string,
            port: a['port'] as number,
            ...(a['log'] !== undefined ? { log: fileArg(a['log']) } : {}),
            keepSecrets: a['keep-secrets'] === true,
            roomSize: a['room-size'] as number | 'unlimited',
            maxClients: a['max-clients'] as number,
            maxFrameBytes: a['max-frame'] as number,
            maxFramesPerSecond: a['max-rate'] as number,
            maxBytesPerSecond: a['max-bytes-rate'] as number,
            maxBufferedBytes: a['max-buffered'] as number,
            heartbeatMs: a['heartbeat'] as number,
            logFailure: a['log-failure'] as 'stop' | 'continue',
            ...(a['token'] !== undefined ? { token: a['token'] as string } : {}),
            ...(a['origin'] !== undefined ? { origins: a['origin'] as string[] } : {}),
            ...(a['tls-cert'] !== undefined ? { tlsCert: fileArg(a['tls-cert']) } : {}),
            ...(a['tls-key'] !== undefined ? { tlsKey: fileArg(a['tls-key']) } : {}),
            quiet: a['quiet'] === true,
            color: color(a['color']),
          },
          IO,
        );
      },
    )
    .command(
      'client [url]',
      'Join a relay room, print every frame received with its summary, send frames from files or stdin',
      (c) =>
        c
          .positional('url', { type: 'string', default: 'ws://127.0.0.1:53378', describe: 'relay URL' })
          .options(OPTIONS.client)
          .example('$0 client --send samples/offer.json --expect 1', 'send an offer, wait for one frame back')
          .example('cat samples/call.ndjson | $0 client --send - --expect 0', 'frames from standard input')
          .example('$0 client ws://127.0.0.1:53378 --room r1 --json', 'watch a room as NDJSON'),
      async (a) => {
        const { clientCommand } = await import('./commands/client.js');
        code = await clientCommand(
          {
            url: fileArg(a['url']),
            ...(a['room'] !== undefined ? { room: a['room'] as string } : {}),
            ...(a['token'] !== undefined ? { token: a['token'] as string } : {}),
            send: files(a['send']),
            ...(a['expect'] !== undefined ? { expect: a['expect'] as number } : {}),
            ...(a['timeout'] !== undefined ? { timeoutMs: a['timeout'] as number } : {}),
            json: a['json'] === true,
            color: color(a['color']),
            insecure: a['insecure'] === true,
            keepSecrets: a['keep-secrets'] === true,
          },
          IO.out,
          IO.err,
        );
      },
    )
    .command(
      'ice [files..]',
      'Why did ICE fail: read chrome://webrtc-internals dumps, rtcstats dumps, Firefox about:webrtc reports and getStats() results saved as JSON or pasted as a JavaScript literal (gzip too; stdin when no file or -) and name the cause per peer connection, with the pairs, the candidate errors and the timeline',
      (c) =>
        c
          .positional('files', { type: 'string', array: true, describe: 'dump files (- for stdin)' })
          .options(OPTIONS.ice)
          .example('$0 ice webrtc_internals_dump.txt', 'the verdict, the pair grid and the timeline of every peer connection')
          .example('$0 ice dump.gz --pc PC_1 --json', 'one peer connection of an rtcstats dump, as JSON'),
      async (a) => {
        // "--pc FILE" with the id forgotten took the file as the id (README walk: "standard input is
        // empty"): said at a terminal, or when standard input turns out empty (a dump piped in is read).
        const pcIsFile = files(a['files']).length === 0 && typeof a['pc'] === 'string' && existsSync(a['pc']);
        const { iceCommand, pcFileError } = await import('./commands/ice.js');
        if (pcIsFile && process.stdin.isTTY === true) throw pcFileError(a['pc'] as string);
        if (files(a['files']).length === 0 && process.stdin.isTTY === true) throw new SdpscopeError('USAGE', 'nothing to read: give a dump file, or pipe one in (- for standard input; see sdpscope ice --help)');
        code = await iceCommand({ files: files(a['files']), ...(pcIsFile ? { pcIsFile } : {}), ...(a['pc'] !== undefined ? { pc: a['pc'] as string } : {}), json: a['json'] === true, color: color(a['color']) }, IO.out, IO.err);
      },
    )
    .command(
      'probe [urls..]',
      'Check STUN and TURN servers (Binding, TURN allocation, a datagram through the relay and back) and name the NAT in front of this machine (RFC 5780: full cone, restricted cone, port-restricted cone, symmetric, UDP blocked)',
      (c) =>
        c
          .positional('urls', { type: 'string', array: true, describe: 'stun:host[:port], turn:host[:port][?transport=udp|tcp], turns:host[:port]' })
          .options(OPTIONS.probe)
          .example('$0 probe stun:stun.example.org:3478', 'mapped address, RTT, and the NAT type if the server does RFC 5780')
          .example("$0 probe 'turn:turn.example.org?transport=udp' 'turn:turn.example.org?transport=tcp' --username u --credential p", 'TURN over UDP and TCP: allocate, relay a datagram, free')
          .example('$0 probe --ice-servers config.json --json', 'the servers of an RTCConfiguration, as JSON'),
      async (a) => {
        const { probeCommand } = await import('./commands/probe.js');
        code = await probeCommand(
          {
            // As typed: after "--", and "-" itself (a literal here, not standard input).
            urls: [a['urls'] ?? []].flat().map(fileArg),
            ...(a['ice-servers'] !== undefined ? { iceServers: fileArg(a['ice-servers']) } : {}),
            ...(a['username'] !== undefined ? { username: fileArg(a['username']) } : {}),
            ...(a['credential'] !== undefined ? { credential: fileArg(a['credential']) } : {}),
            timeoutMs: a['timeout'] as number,
            // A --timeout past 15 s is not cut by the default deadline (audit of the change: 100 s became 60).
            deadlineMs: (a['deadline'] as number | undefined) ?? Math.max(60_000, 4 * (a['timeout'] as number)),
            nat: a['nat'] !== false,
            json: a['json'] === true,
            color: color(a['color']),
          },
          IO.out,
        );
      },
    )
    .command(
      'lab',
      'Reproduce a NAT type locally (root, Linux) and watch a browser call through it: namespaces, two NAT routers, coturn, the relay, headless Chromium or Firefox; every frame printed; then sdpscope checked against the browsers',
      (c) =>
        c
          .options(OPTIONS.lab)
          .epilogue(`NATs:\n${NAT_KINDS.map((k) => `  ${k}: ${NAT_DESCRIPTIONS[k]}`).join('\n')}\n\nNeeds root, Linux, iproute2, iptables, coturn, and chromium and/or firefox-esr (Debian packages; scripts/lab-setup.sh installs them). Nothing leaves the lab's namespaces.`)
          .example('sudo $0 lab --nat-a symmetric --nat-b symmetric', 'two symmetric NATs: the call must go through TURN')
          .example('sudo $0 lab --browser-b firefox --video-codecs H264', 'an H264-only offer to Firefox: video rejected'),
      async (a) => {
        const { labCommand } = await import('./commands/lab.js');
        code = await labCommand(
          {
            natA: a['nat-a'] as (typeof NAT_KINDS)[number],
            natB: a['nat-b'] as (typeof NAT_KINDS)[number],
            browserA: a['browser-a'] as (typeof BROWSERS)[number],
            browserB: a['browser-b'] as (typeof BROWSERS)[number],
            media: a['media'] as (typeof LAB_MEDIA)[number],
            videoCodecs: (a['video-codecs'] as string[]).flatMap((v) => String(v).split(',')).filter(Boolean),
            artifacts: (a['artifacts'] as string | undefined) ?? `lab-${new Date().toISOString().replace(/[:.]/g, '-')}`,
            timeoutMs: a['timeout'] as number,
            json: a['json'] === true,
            color: color(a['color']),
          },
          IO.out,
        );
      },
    )
    .demandCommand(1, `name a command: ${COMMANDS.join(', ')}`)
    // The top level shows one example a question, as each command's help does (README walk: it had none).
    .example('$0 parse samples/offer.json', 'what does this SDP say?')
    .example('$0 candidates samples/alice.log samples/bob.log', 'what did each side offer to connect?')
    .example('$0 ice webrtc_internals_dump.txt', 'why did ICE fail?')
    .example('$0 probe stun:stun.example.org', 'what NAT am I behind?')
    .example('sdp-diff offer.json answer.json', 'why is there no video? (the other program)')
    .recommendCommands();
  await y.parseAsync();
  return code;
});
