/** The lab's closed sets (NATs, browsers, media), as data: the CLI's help reads them without loading the lab. */

/** What the router in front of a host does. */
export type NatKind = 'cone' | 'symmetric' | 'udp-blocked';
export const NAT_KINDS: readonly NatKind[] = ['cone', 'symmetric', 'udp-blocked'];

/** What each NAT kind is (for help texts and the README). */
export const NAT_DESCRIPTIONS: Readonly<Record<NatKind, string>> = {
  cone: 'iptables MASQUERADE: keeps the host\'s port, so the same public port for every destination (endpoint-independent mapping, a cone NAT); replies only from where packets went (port-restricted); an unsolicited packet that arrived first makes it pick another port',
  symmetric: 'iptables MASQUERADE --random-fully: a new public port for every destination (address-dependent mapping, a symmetric NAT)',
  'udp-blocked': 'a firewall dropping all forwarded UDP (TCP still masqueraded): only TURN over TCP gets out',
};

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export type LabMedia = 'audio-video' | 'data';
export const LAB_MEDIA: readonly LabMedia[] = ['audio-video', 'data'];
