/**
 * The relay's logger, in a worker thread: it summarises each frame with the core, redacts it
 * and writes the NDJSON log, so that the relay's own thread only checks JSON and forwards.
 * Summaries never hold the log up: a frame that waited longer than the budget, or any frame once
 * the relay shuts down, is logged without one (its summary says why), and the log says when
 * that started and how many. A log that cannot be written is reported once and given up; the
 * console lines and the feed go on. Messages: log-messages.ts. Runs for its effect (package.json "sideEffects").
 */
import { closeSync, createWriteStream, fstatSync, openSync, readSync, writeSync, type WriteStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { FrameSummary } from '../../analysis/frame.js';
import { frameRecords, summarizeFrame } from './log-record.js';
import type { FromLogWorker, LogWorkerData, RelayEvent, ToLogWorker } from './log-messages.js';
import type { RelayLine } from './protocol.js';

const data = workerData as LogWorkerData;
const port = parentPort!;
const hurry = new BigInt64Array(data.hurry);
/** Console lines and feed records not posted yet: sent together, once per batch of frames or event. */
let lines: RelayLine[] = [];
let records: string[] = [];
function flushOut(ack?: { n: number; bytes: number }): void {
  if (lines.length === 0 && records.length === 0 && ack === undefined) return;
  port.postMessage({ kind: 'out', lines, records, ...(ack ? { ack } : {}) } satisfies FromLogWorker);
  lines = [];
  records = [];
}
/** Any other message goes after the lines and records made before it. */
const post = (m: FromLogWorker) => {
  flushOut();
  port.postMessage(m);
};

/**
 * The log's file descriptor (null: no log, or given up), written synchronously: this thread does
 * nothing else, and a frame acknowledged is on the file, not in a buffer. With a buffered stream
 * a relay stopped under CPU load lost the buffered tail uncounted (the thread is stopped at the
 * close deadline), and the log-cut record said fewer frames than were missing.
 */
let log: number | null = null;
/**
 * A log that is not a regular file (a FIFO, a device) is written through a stream instead: a
 * reader that stops reading a pipe would block a synchronous write, and with it the console lines
 * and feed records this thread posts (change audit: the console and /feed froze). Frames written
 * there count as done when handed over, as before.
 */
let stream: WriteStream | null = null;
/** Whether the log is still to be opened: at its first record, so that a relay that cannot listen leaves no empty file. */
let toOpen = data.log !== null;

/** Writing failed (ENOSPC on a full disk or /dev/full, EIO, EBADF...): said once; the rest goes on without a log. */
function failed(e: NodeJS.ErrnoException): void {
  if (log !== null) {
    try {
      closeSync(log);
    } catch {
      /* already unusable */
    }
  }
  log = null;
  post({ kind: 'log-failed', message: `${data.log}: ${e.code === 'ENOSPC' ? 'no space left on the device' : e.message}` });
}

/** Whether the file's last byte is a line feed. */
function endsWithLineFeed(path: string, size: number): boolean {
  const last = Buffer.alloc(1);
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    return readSync(fd, last, 0, 1, size - 1) === 1 && last[0] === 10;
  } catch {
    // Unreadable (a write-only file): appended to as it is.
    return true;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Appends `text`, holding `frames` frames, to the log, whole (writeSync may write part of it),
 * and counts them done in the shared array (see LogWorkerData.hurry): before the write, the count
 * it makes and the file size it ends at; after it, the count. A thread stopped between the write
 * and the count (the termination lands as the write returns) is read right by the relay from the
 * file's size: counted after the write alone, a 400-frame test saw 410 "logged or not".
 */
function write(text: string, frames = 0): void {
  if (toOpen) {
    toOpen = false;
    try {
      // Owner-only: the log holds SDPs, addresses and, with --keep-secrets, credentials (relay audit: 0644).
      log = openSync(data.log!, 'a', 0o600);
      const st = fstatSync(log);
      // A log whose last line was cut (a full disk, kill -9 of another writer) would glue the next
      // record onto it, and readers lose both: the cut line is ended first (relay audit).
      if (st.isFile() && st.size > 0 && !endsWithLineFeed(data.log!, st.size)) text = '\n' + text;
      if (!st.isFile()) {
        stream = createWriteStream('', { fd: log });
        log = null;
        stream.on('error', (e: NodeJS.ErrnoException) => {
          stream = null;
          failed(e);
        });
      }
    } catch (e) {
      failed(e as NodeJS.ErrnoException);
    }
  }
  if (stream !== null) {
    if (text !== '') stream.write(text);
    if (frames > 0) Atomics.add(hurry, 1, BigInt(frames));
    return;
  }
  const done = Atomics.load(hurry, 1) + BigInt(frames);
  if (log !== null && text !== '') {
    try {
      const buf = Buffer.from(text);
      if (frames > 0) {
        Atomics.store(hurry, 3, BigInt(fstatSync(log).size + buf.length));
        Atomics.store(hurry, 2, done);
      }
      for (let at = 0; at < buf.length; ) at += writeSync(log, buf, at);
    } catch (e) {
      // Not written: the log's failure is said apart (log-failed); the frames are done with.
      failed(e as NodeJS.ErrnoException);
    }
  }
  if (frames > 0) Atomics.store(hurry, 1, done);
}

/** Frames logged without a summary in the current run of them, and the most the logger was behind. */
let skipped = 0;
let worstBehind = 0;
/** Whether the current run of unsummarised frames began with a log-behind record (not with the relay stopping). */
let behindSaid = false;

function event(e: RelayEvent): void {
  // Its console line first: a write that fails says so after it (change audit: log-error came before listening).
  if (data.lines) lines.push({ kind: 'event', ...e });
  write(JSON.stringify(e) + '\n');
}

port.on('message', (m: ToLogWorker) => {
  if (m.kind === 'close') {
    if (skipped > 0) endSkipping();
    const fd = log;
    log = null;
    toOpen = false;
    try {
      if (fd !== null) closeSync(fd);
    } catch {
      /* written already: nothing is lost with the descriptor */
    }
    if (stream !== null) {
      const s = stream;
      stream = null;
      s.end(() => post({ kind: 'closed' }));
      return;
    }
    post({ kind: 'closed' });
    return;
  }
  if (m.kind === 'event') {
    // The relay's last record comes last: a run of unsummarised frames is closed before it (relay audit: log-caught-up after stopped).
    // At the stopped record's own time: written after it was made, it had been dated later and the log's times went backwards (relay audit).
    if (m.record.event === 'stopped' && skipped > 0) endSkipping(m.record.time);
    event(m.record);
    Atomics.add(hurry, 4, 1n);
    flushOut();
    return;
  }
  let out = '';
  /** Frames in `out`. */
  let outFrames = 0;
  let bytes = 0;
  for (const f of m.frames) {
    bytes += f.text.length;
    // The relay checked it is JSON before forwarding it.
    const frame = JSON.parse(f.text) as unknown;
    const behind = Date.now() - f.time;
    const hurryAt = Atomics.load(hurry, 0);
    const shutdown = hurryAt !== 0n && Date.now() > Number(hurryAt);
    let summary: FrameSummary;
    if (shutdown || behind > data.budgetMs) {
      summary = { kind: 'not-summarized', reason: shutdown ? 'shutdown' : 'behind', behindMs: behind };
      if (skipped === 0 && !shutdown) {
        write(out, outFrames);
        out = '';
        outFrames = 0;
        // Dated as the frame it is about: the log's times stay in order (relay audit).
        event({ time: new Date(f.time).toISOString(), room: null, client: null, event: 'log-behind', detail: `the logger is ${behind} ms behind (budget ${data.budgetMs} ms): frames are logged without summaries until it catches up` });
        behindSaid = true;
      }
      skipped++;
      worstBehind = Math.max(worstBehind, behind);
    } else {
      if (skipped > 0) {
        write(out, outFrames);
        out = '';
        outFrames = 0;
        endSkipping(new Date(f.time).toISOString());
      }
      summary = summarizeFrame(frame);
    }
    const r = frameRecords(f, frame, data.keepSecrets, summary);
    if (data.lines) lines.push(r.line);
    // The feed never carries secrets, whatever the log keeps.
    if (data.feed) records.push(r.feed);
    if (log !== null || stream !== null || toOpen) out += r.log + '\n';
    outFrames++;
  }
  write(out, outFrames);
  // Tell the relay how far the log got (it bounds what it queues here): written to the file.
  flushOut({ n: m.frames.length, bytes });
});

function endSkipping(time = new Date().toISOString()): void {
  // A run that began as the relay stopped had no log-behind before it: said as that (relay audit: "caught up" with nothing behind said).
  const why = behindSaid ? `the logger was up to ${worstBehind} ms behind` : `the relay was stopping; the logger was up to ${worstBehind} ms behind`;
  event({ time, room: null, client: null, event: 'log-caught-up', detail: `${skipped} frame${skipped === 1 ? '' : 's'} logged without summaries (${why})` });
  skipped = 0;
  worstBehind = 0;
  behindSaid = false;
}
