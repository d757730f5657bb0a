/** Small, readable SDPs for targeted negotiation cases (real captures cover the rest). */

export interface MediaSpec {
  kind?: string;
  mid?: string | null;
  port?: number;
  proto?: string;
  /** Payload types / formats on the m= line. */
  formats?: string;
  /** rtpmap/fmtp/rtcp-fb lines, without "a=". */
  codecs?: string[];
  direction?: string | null;
  setup?: string | null;
  fingerprint?: string | null;
  ufrag?: string | null;
  pwd?: string | null;
  mux?: boolean;
  extra?: string[];
  /** A b= line after c= ("AS:128"). */
  bandwidth?: string;
}

export interface SessionSpec {
  bundle?: string | null;
  lite?: boolean;
  trickle?: boolean;
  version?: number;
  sessionId?: string;
  /** Session-level attribute lines, without "a=". */
  sessionExtra?: string[];
  media: MediaSpec[];
}

export const FP = 'sha-256 3B:60:C9:3B:27:5F:74:C9:AF:FE:98:15:A5:80:BA:FB:F4:09:8D:2A:EB:8D:13:1D:56:94:C3:5F:6C:D5:B7:B6';
export const VP8 = ['rtpmap:96 VP8/90000', 'rtcp-fb:96 nack', 'rtcp-fb:96 nack pli', 'rtpmap:97 rtx/90000', 'fmtp:97 apt=96'];
export const H264_CB_PM1 = ['rtpmap:102 H264/90000', 'fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f', 'rtpmap:103 rtx/90000', 'fmtp:103 apt=102'];
export const OPUS = ['rtpmap:111 opus/48000/2', 'fmtp:111 minptime=10;useinbandfec=1'];

export function buildSdp(spec: SessionSpec): string {
  const lines = ['v=0', `o=- ${spec.sessionId ?? '4611731400430051336'} ${spec.version ?? 2} IN IP4 127.0.0.1`, 's=-', 't=0 0'];
  const mids = spec.media.map((m, i) => (m.mid === undefined ? String(i) : m.mid)).filter((m): m is string => m !== null);
  if (spec.bundle !== null) lines.push(`a=group:BUNDLE ${spec.bundle ?? mids.join(' ')}`);
  if (spec.lite) lines.push('a=ice-lite');
  for (const x of spec.sessionExtra ?? []) lines.push(`a=${x}`);
  spec.media.forEach((m, i) => {
    const kind = m.kind ?? 'video';
    const formats = m.formats ?? (kind === 'application' ? 'webrtc-datachannel' : kind === 'audio' ? '111' : '96 97');
    lines.push(`m=${kind} ${m.port ?? 9} ${m.proto ?? (kind === 'application' ? 'UDP/DTLS/SCTP' : 'UDP/TLS/RTP/SAVPF')} ${formats}`);
    lines.push('c=IN IP4 0.0.0.0');
    if (m.bandwidth !== undefined) lines.push(`b=${m.bandwidth}`);
    if (m.ufrag !== null) lines.push(`a=ice-ufrag:${m.ufrag ?? 'JDVd'}`);
    if (m.pwd !== null) lines.push(`a=ice-pwd:${m.pwd ?? 'kXT7EgT23rvctdmdZUSU0dT1'}`);
    if (spec.trickle !== false) lines.push('a=ice-options:trickle');
    if (m.fingerprint !== null) lines.push(`a=fingerprint:${m.fingerprint ?? FP}`);
    if (m.setup !== null) lines.push(`a=setup:${m.setup ?? 'actpass'}`);
    const mid = m.mid === undefined ? String(i) : m.mid;
    if (mid !== null) lines.push(`a=mid:${mid}`);
    if (m.direction !== null && kind !== 'application') lines.push(`a=${m.direction ?? 'sendrecv'}`);
    if (m.mux !== false && kind !== 'application') lines.push('a=rtcp-mux');
    for (const c of m.codecs ?? (kind === 'application' ? ['sctp-port:5000', 'max-message-size:262144'] : kind === 'audio' ? OPUS : VP8)) lines.push(`a=${c}`);
    for (const x of m.extra ?? []) lines.push(`a=${x}`);
  });
  return lines.join('\r\n') + '\r\n';
}
