/** The relay's logger thread, driven directly: what close() says was not logged is exactly what is missing. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogPipe } from '../../../src/node/relay/log-pipe.js';
import { scratchDir } from '../../support/scratch.js';

const dir = scratchDir('sdpscope-log-pipe-');

describe('LogPipe.close', () => {
  it('cut by its deadline, it counts every frame not on the file: nothing acknowledged is lost in a write buffer (the relay audit\'s SIGTERM under CPU load)', async () => {
    const log = join(dir, 'cut.ndjson');
    let records = 0;
    const pipe = new LogPipe({ log, keepSecrets: false, maxBacklog: 100_000, maxBacklogBytes: 1 << 30, budgetMs: 60_000, closeDeadlineMs: 20, onRecord: () => records++ });
    const pad = 'a'.repeat(200_000);
    const sent = 400;
    // In batches of ten (one message each), as a relay's turns of the event loop send them.
    for (let i = 0; i < sent; i++) {
      pipe.frame({ time: Date.now(), room: 'r', from: 'a', to: ['b'], size: pad.length + 30, text: JSON.stringify({ type: 'x', i, pad }) });
      if (i % 10 === 9) await new Promise((r) => setImmediate(r));
    }
    // Cut in the middle of the run: a few frames logged, hundreds of milliseconds of work left.
    for (let i = 0; i < 500 && records < 20; i++) await new Promise((r) => setTimeout(r, 5));
    const unlogged = await pipe.close();
    const lines = readFileSync(log, 'utf8').split('\n');
    // Whole lines only.
    expect(lines.pop()).toBe('');
    const logged = lines.map((l) => JSON.parse(l) as { frame?: { i: number } }).filter((l) => l.frame !== undefined);
    expect(unlogged).toBeGreaterThan(0);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.length + unlogged).toBe(sent);
    // The first frames, in order.
    expect(logged.map((l) => l.frame!.i)).toEqual(Array.from({ length: logged.length }, (_, i) => i));
  }, 30_000);

  it('cut by its deadline, the events behind the frames it did not write are given back, none of them written, those before written once (the relay writes them after its log-cut line and shows them: relay audit, "left" and "stopped" lost under load)', async () => {
    const log = join(dir, 'cut-events.ndjson');
    let records = 0;
    const lines: string[] = [];
    const pipe = new LogPipe({ log, keepSecrets: false, maxBacklog: 100_000, maxBacklogBytes: 1 << 30, budgetMs: 60_000, closeDeadlineMs: 20, onRecord: () => records++, onLine: (l) => lines.push(l.kind === 'event' ? l.event : 'frame') });
    const pad = 'a'.repeat(200_000);
    const event = (name: string) => ({ time: new Date().toISOString(), room: 'r', event: name, client: 'a', detail: name });
    pipe.event(event('joined'));
    for (let i = 0; i < 300; i++) {
      pipe.frame({ time: Date.now(), room: 'r', from: 'a', to: ['b'], size: pad.length + 30, text: JSON.stringify({ type: 'x', i, pad }) });
      if (i % 10 === 9) await new Promise((r) => setImmediate(r));
      // A client that left before the stop began, its event behind frames the cut will leave (audit of the fix).
      if (i === 250) pipe.event(event('left early'));
    }
    for (let i = 0; i < 500 && records < 5; i++) await new Promise((r) => setTimeout(r, 5));
    pipe.hurryUp();
    pipe.event(event('left'));
    pipe.event(event('stopped'));
    const unlogged = await pipe.close();
    expect(unlogged).toBeGreaterThan(0);
    expect(pipe.eventsNotWritten.map((e) => e.event)).toEqual(['left early', 'left', 'stopped']);
    const written = readFileSync(log, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { event?: string }).event);
    expect(written.filter((e) => e === 'joined')).toHaveLength(1);
    expect(written).not.toContain('left');
    expect(lines).not.toContain('left');
  }, 30_000);
});

describe('LogPipe: the logger thread stopping by itself', () => {
  it('is said once (onLogError\'s message, then onLoggerStopped): a thread that exits unasked is a stop (relay audit: the feed went silent with no notice)', async () => {
    const stops: string[] = [];
    const errors: string[] = [];
    const pipe = new LogPipe({ log: null, keepSecrets: false, maxBacklog: 10, maxBacklogBytes: 1 << 20, budgetMs: 1000, onRecord: () => undefined, onLogError: (m) => errors.push(m), onLoggerStopped: (m) => stops.push(m) });
    // The thread, stopped from outside (as an out-of-memory end would stop it).
    await (pipe as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    for (let i = 0; i < 100 && stops.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(stops).toEqual(['its thread exited (code 0)']);
    expect(errors).toEqual(['the logger stopped: its thread exited (code 0)']);
    expect(await pipe.close()).toBe(0);
    expect(stops).toHaveLength(1);
  });

  it('a close asked for is no stop', async () => {
    const stops: string[] = [];
    const pipe = new LogPipe({ log: null, keepSecrets: false, maxBacklog: 10, maxBacklogBytes: 1 << 20, budgetMs: 1000, onRecord: () => undefined, onLoggerStopped: (m) => stops.push(m) });
    await pipe.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(stops).toEqual([]);
  });
});
