/**
 * What `sdpscope lab` prints of its relay's start-up (src/lab/call.ts labRelayLine): the relay
 * listens inside the lab's public namespace, so its URLs are said to be there, and the warning
 * about a relay open beyond this machine without a token becomes how to reach it (lab audit: the
 * printed inspector URL, opened from the host, sent its packets out of the default route).
 */
import { renderStartup } from '../../cli/commands/relay.js';
import { makeStyle } from '../../cli/render/style.js';
import { labRelayLine } from '../../src/lab/call.js';

describe('the lab relay\'s start-up lines', () => {
  const relay = {
    port: 53378,
    endpoints: [
      { kind: 'signaling' as const, url: 'ws://203.0.113.1:53378/' },
      { kind: 'call-page' as const, url: 'http://203.0.113.1:53378/' },
      { kind: 'inspector' as const, url: 'http://203.0.113.1:53378/inspect' },
      { kind: 'feed' as const, url: 'ws://203.0.113.1:53378/feed' },
    ],
  };
  const printed = renderStartup(relay, { host: '203.0.113.1', tls: false, log: '/tmp/relay.ndjson' }, [], makeStyle(false)).trimEnd().split('\n');
  const shown = printed.map((l) => labRelayLine(l, 'sdpl-pub'));

  it('says every URL is in the lab\'s namespace', () => {
    expect(shown.filter((l) => /\/\/203\.0\.113\.1/.test(l))).toEqual([
      'signaling  ws://203.0.113.1:53378/  (in namespace sdpl-pub)',
      'call page  http://203.0.113.1:53378/  (in namespace sdpl-pub)',
      'inspector  http://203.0.113.1:53378/inspect  (in namespace sdpl-pub)',
      'feed       ws://203.0.113.1:53378/feed  (in namespace sdpl-pub)',
    ]);
  });

  it('replaces the no-token warning (the relay printed it: it listens beyond loopback) with how to reach the pages', () => {
    expect(printed.some((l) => l.startsWith('warning: listening on 203.0.113.1'))).toBe(true);
    expect(shown.some((l) => l.includes('--token'))).toBe(false);
    expect(shown.at(-1)).toBe("its addresses are inside the lab's namespace sdpl-pub, out of reach from this machine's network: open them there (ip netns exec sdpl-pub curl …) or read relay.ndjson afterwards");
  });
});
