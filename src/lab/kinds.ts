/** The lab's closed sets (NATs, browsers, media), as data: the CLI's help reads them without loading the lab. */

/**
 * What the router in front of a host does: the notes' four NAT types and a UDP-blocking firewall.
 * `cone` is the older name of `port-restricted-cone` (Linux's default NAT), still accepted.
 */
export type NatKind = 'full-cone' | 'restricted-cone' | 'port-restricted-cone' | 'symmetric' | 'udp-blocked' | 'cone';
export const NAT_KINDS: readonly NatKind[] = ['full-cone', 'restricted-cone', 'port-restricted-cone', 'symmetric', 'udp-blocked', 'cone'];

/** What each NAT kind is (for help texts and the README). */
export const NAT_DESCRIPTIONS: Readonly<Record<NatKind, string>> = {
  'full-cone': 'SNAT keeping the host\'s port, and every UDP port of the router DNAT\'ed back to the host: endpoint-independent mapping and filtering (anyone may send to a mapping)',
  'restricted-cone': 'SNAT keeping the host\'s port; inbound UDP let in from any port of an address the mapping has sent to (an ipset of remote address and port filled on the way out): endpoint-independent mapping, address-dependent filtering',
  'port-restricted-cone': 'iptables MASQUERADE: keeps the host\'s port, so the same public port for every destination (endpoint-independent mapping); replies only from the address and port packets went to (address-and-port-dependent filtering)',
  symmetric: 'iptables MASQUERADE --random-fully: a new public port for every destination (address-and-port-dependent mapping, a symmetric NAT)',
  'udp-blocked': 'a firewall dropping all forwarded UDP (TCP still masqueraded): only TURN over TCP gets out',
  cone: 'the older name of port-restricted-cone',
};

/** `cone` → `port-restricted-cone`; the others as they are. */
export const natKindOf = (k: NatKind): Exclude<NatKind, 'cone'> => (k === 'cone' ? 'port-restricted-cone' : k);

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export type LabMedia = 'audio-video' | 'data';
export const LAB_MEDIA: readonly LabMedia[] = ['audio-video', 'data'];
