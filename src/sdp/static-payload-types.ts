/** RTP static payload types (RFC 3551 §6, Table 4 and 5): what a payload type means without rtpmap. */

export interface StaticPayloadType {
  readonly name: string;
  readonly clockRate: number;
  readonly channels: number | null;
}

const TABLE: Readonly<Record<number, StaticPayloadType>> = {
  0: { name: 'PCMU', clockRate: 8000, channels: 1 },
  3: { name: 'GSM', clockRate: 8000, channels: 1 },
  4: { name: 'G723', clockRate: 8000, channels: 1 },
  5: { name: 'DVI4', clockRate: 8000, channels: 1 },
  6: { name: 'DVI4', clockRate: 16000, channels: 1 },
  7: { name: 'LPC', clockRate: 8000, channels: 1 },
  8: { name: 'PCMA', clockRate: 8000, channels: 1 },
  9: { name: 'G722', clockRate: 8000, channels: 1 },
  10: { name: 'L16', clockRate: 44100, channels: 2 },
  11: { name: 'L16', clockRate: 44100, channels: 1 },
  12: { name: 'QCELP', clockRate: 8000, channels: 1 },
  13: { name: 'CN', clockRate: 8000, channels: 1 },
  14: { name: 'MPA', clockRate: 90000, channels: null },
  15: { name: 'G728', clockRate: 8000, channels: 1 },
  16: { name: 'DVI4', clockRate: 11025, channels: 1 },
  17: { name: 'DVI4', clockRate: 22050, channels: 1 },
  18: { name: 'G729', clockRate: 8000, channels: 1 },
  25: { name: 'CelB', clockRate: 90000, channels: null },
  26: { name: 'JPEG', clockRate: 90000, channels: null },
  28: { name: 'nv', clockRate: 90000, channels: null },
  31: { name: 'H261', clockRate: 90000, channels: null },
  32: { name: 'MPV', clockRate: 90000, channels: null },
  33: { name: 'MP2T', clockRate: 90000, channels: null },
  34: { name: 'H263', clockRate: 90000, channels: null },
};

export function staticPayloadType(pt: number): StaticPayloadType | undefined {
  return TABLE[pt];
}
