/** `sdpscope relay`'s console: what --quiet keeps, the start-up lines. */
import { QUIET_KEEPS, renderStartup } from '../../cli/commands/relay.js';
import { makeStyle } from '../../cli/render/style.js';
import { urlHost } from '../../src/node/relay/index.js';

describe('sdpscope relay: the console (relay/client audit of 2026-12-05)', () => {
  it('--quiet keeps the start-up line, every refusal a client is told of, errors, the logger\'s state and the stop; not the frames\' own events (operator audit: "listening" was dropped, which a supervisor waits for)', () => {
    for (const kept of ['listening', 'error', 'refused', 'room-full', 'rate-limited', 'invalid-json', 'reserved-type', 'binary-frame', 'heartbeat-timeout', 'slow-consumer', 'log-behind', 'log-caught-up', 'log-skipped', 'log-error', 'late-frames', 'stopped']) expect([kept, QUIET_KEEPS.test(kept)]).toEqual([kept, true]);
    for (const dropped of ['joined', 'left', 'feed-subscribed', 'feed-left']) expect([dropped, QUIET_KEEPS.test(dropped)]).toEqual([dropped, false]);
  });

  it('with --token each URL shows where the token goes, the path before the query (relay audit: ws://host:port?token=)', () => {
    const text = renderStartup({ endpoints: [{ kind: 'signaling', url: 'ws://127.0.0.1:1' }, { kind: 'inspector', url: 'http://127.0.0.1:1/inspect' }], port: 1 }, { host: '127.0.0.1', token: 'x', tls: false }, [], makeStyle(false));
    expect(text).toContain('ws://127.0.0.1:1/?token=<token>');
    expect(text).toContain('http://127.0.0.1:1/inspect?token=<token>');
  });

  it('--origin null without --token is warned of: any site\'s sandboxed iframe sends Origin: null (relay audit)', () => {
    const start = (o: { token?: string; origins?: string[] }) => renderStartup({ endpoints: [{ kind: 'signaling', url: 'ws://127.0.0.1:1' }], port: 1 }, { host: '127.0.0.1', tls: false, ...o }, [], makeStyle(false));
    expect(start({ origins: ['null'] })).toContain('warning: --origin null lets in every page that sends Origin: null, the sandboxed iframes and data: pages of any site among them, to /feed too; give --token as well');
    expect(start({ origins: ['null'], token: 'x' })).not.toContain('warning');
    expect(start({ origins: ['https://app.example'] })).not.toContain('warning');
  });

  it('pages not built are said at start-up (their URLs had been printed, and answered 404)', () => {
    const text = renderStartup({ endpoints: [{ kind: 'signaling', url: 'ws://127.0.0.1:1' }], port: 1 }, { host: '127.0.0.1', tls: false, pagesMissing: true }, [], makeStyle(false));
    expect(text).toContain('pages      not built: no call page or inspector (npm run build makes them)');
    expect(text).not.toMatch(/^call page/m);
  });

  it('a relay on every interface gives loopback URLs, IPv6 too ([::] is no secure context: no camera on the call page)', () => {
    expect(['0.0.0.0', '::', '::1', '127.0.0.1', 'fd00::1', 'relay.example'].map(urlHost)).toEqual(['127.0.0.1', '[::1]', '[::1]', '127.0.0.1', '[fd00::1]', 'relay.example']);
  });
});
