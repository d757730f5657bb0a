/**
 * The seed's P2P call page, rebuilt: the same signaling (ready, offer, answer, candidate, bye,
 * over the relay's WebSocket), with panels that use sdpscope's core in the browser: each
 * description summarised, a candidate table with decoded priorities, every frame logged.
 */
import { describeFrame, explainCandidate, formatPriorityParts, parseCandidate, parseSdp, summarizeFrame } from '../src/index.js';
import { escapeUnsafe } from '../src/escape.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const startButton = $<HTMLButtonElement>('startButton');
const hangupButton = $<HTMLButtonElement>('hangupButton');
const localVideo = $<HTMLVideoElement>('localVideo');
const remoteVideo = $<HTMLVideoElement>('remoteVideo');

const params = new URLSearchParams(location.search);
const room = params.get('room') ?? 'default';
const wsUrl = new URL(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/`);
wsUrl.searchParams.set('room', room);
if (params.get('token')) wsUrl.searchParams.set('token', params.get('token')!);
$('room').textContent = room;
$('relay').textContent = wsUrl.origin;
if (params.get('iceServers')) $<HTMLTextAreaElement>('iceServers').value = params.get('iceServers')!;
/** `?media=data`: a data channel only, no camera or microphone (default: audio and video). */
const dataOnly = params.get('media') === 'data';
/** `?videoCodecs=H264,VP8`: the caller offers only these video codecs, in this order of preference (setCodecPreferences; rtx kept). */
const videoCodecs = (params.get('videoCodecs') ?? '').split(',').map((c) => c.trim()).filter(Boolean).map((c) => `video/${c.toLowerCase()}`);

type Frame = { type?: string; sdp?: string; offer?: { sdp?: unknown }; answer?: { sdp?: unknown }; candidate?: unknown; sdpMid?: string | null; sdpMLineIndex?: number | null };

/**
 * A description's SDP in both of the notes' shapes: `{type, sdp}` (what their page sends) and
 * `{type, offer: {type, sdp}}` (their JSON examples, samples/offer.json; relay audit: refused
 * as "no sdp string", so `sdpscope client --send samples/offer.json` never got an answer).
 */
function sdpIn(frame: Frame, kind: 'offer' | 'answer'): string | null {
  if (typeof frame.sdp === 'string') return frame.sdp;
  const inner = frame[kind];
  return inner !== null && typeof inner === 'object' && typeof inner.sdp === 'string' ? inner.sdp : null;
}

/** State the tests and the console can read. */
const call = {
  pc: null as RTCPeerConnection | null,
  frames: [] as { dir: 'sent' | 'received'; frame: unknown }[],
  state: 'not started',
  /** Data channel messages received (data mode). */
  messages: [] as string[],
  /** Data channel events as they happened (data mode), for a failing call's post-mortem. */
  channelEvents: [] as string[],
};
(window as unknown as { sdpscopeCall: typeof call }).sdpscopeCall = call;

function setState(s: string): void {
  call.state = s;
  $('state').textContent = s;
}

/** Frames and log lines kept, at most (the newest): the log grew without end, each frame copying all of it (pages audit). */
const MAX_LOG = 1000;
/** A log line, at most (characters). */
const MAX_LINE = 300;
/** Control, line-breaking, invisible and bidi characters written as escapes: a line feed in a frame forged log lines. */
const oneLine = (t: string) => {
  const safe = escapeUnsafe(t);
  return safe.length > MAX_LINE ? `${safe.slice(0, MAX_LINE - 1)}…` : safe;
};

function logLine(text: string): void {
  const log = $('frames');
  log.append(document.createTextNode(`${new Date().toISOString().slice(11, 23)} ${text}\n`));
  while (log.childNodes.length > MAX_LOG) log.firstChild!.remove();
}

/** A received frame larger than this is logged, not kept in `call.frames` (1 MiB frames at 10/s grew the page by 250 MB in 30 s). */
const MAX_KEPT_FRAME = 64 * 1024;

function logFrame(dir: 'sent' | 'received', frame: unknown, size = 0): void {
  call.frames.push({ dir, frame: size > MAX_KEPT_FRAME ? `(a frame of ${size} characters, not kept)` : frame });
  if (call.frames.length > MAX_LOG) call.frames.shift();
  const f = (frame !== null && typeof frame === 'object' ? frame : {}) as { type?: unknown; event?: unknown };
  const text = f.type === 'relay-notice' ? `relay: ${String(f.event)}` : describeFrame(summarizeFrame(frame));
  logLine(`${dir === 'sent' ? '→' : '←'} ${oneLine(text)}`);
}

/** Says on the page what went wrong with what the peer sent, and in the log. */
function showError(text: string): void {
  $('error').textContent = oneLine(text);
  logLine(`! ${oneLine(text)}`);
}

function candidateRow(side: string, line: string): void {
  let cells: string[];
  try {
    const c = parseCandidate(line);
    const x = explainCandidate(c);
    cells = [side, c.type, c.transport, c.address, String(c.port), formatPriorityParts(x.priority), x.relayProtocol?.label ?? '', x.address.class, c.foundation];
  } catch (e) {
    cells = [side, 'invalid', '', line.slice(0, 40), '', '', '', '', (e as { code?: string }).code ?? ''];
  }
  const tr = document.createElement('tr');
  for (const v of cells) {
    const td = document.createElement('td');
    td.textContent = v;
    tr.appendChild(td);
  }
  $('candidates').appendChild(tr);
}

function showSdp(id: string, sdp: string): void {
  const d = parseSdp(sdp);
  $(id).textContent = d.media
    .map((m) => `${m.kind} mid ${m.mid ?? '-'} ${m.direction} port ${m.port} · ${m.codecs.map((c) => `${c.payloadType} ${c.name}`).slice(0, 8).join(', ')}${m.codecs.length > 8 ? ', …' : ''} · ICE ${m.ice.ufrag ?? '-'} · DTLS ${m.setup ?? '-'}`)
    .join('\n');
}

// Signaling over the relay: the seed's postMessage/onmessage, on a WebSocket.
const socket = new WebSocket(wsUrl);
/** Whether the relay let this page in (a refusal at the upgrade closes it before it opens). */
let joined = false;
/** Why the relay closed the connection, when it said so first (a full room). */
let refusal: string | null = null;
/** Set once the connection is gone: Start and every frame then say so instead of seeming to send. */
let closedBecause: string | null = null;
socket.onopen = () => {
  joined = true;
};
// A relay that closes the connection (one that cut this page for falling behind, or stopped) is said (it was not).
socket.onclose = (e: CloseEvent) => {
  // Said in the error line and the log; the call's state stays what ICE says (the lab reads it).
  // A browser sees no HTTP status of a refused upgrade (1006 whatever the cause): the causes are named (lab audit: a bad token, a long room name and a full room all read "reload the page").
  closedBecause = refusal ?? (joined
    ? `the relay closed the connection (${e.code}${e.reason ? ` ${e.reason}` : ''}): reload the page to join again`
    : `the relay refused this page (${e.code}): a missing or wrong ?token=, or a room name it does not take (at most 128 characters); the relay's console says which. Fix the address, then reload`);
  showError(closedBecause);
};
const signaling = {
  postMessage(frame: Frame): void {
    if (closedBecause !== null || socket.readyState !== WebSocket.OPEN) {
      showError(`not sent (${String((frame as { type?: unknown }).type)}): ${closedBecause ?? 'not connected to the relay yet'}`);
      return;
    }
    logFrame('sent', frame);
    socket.send(JSON.stringify(frame));
  },
};

let localStream: MediaStream | null = null;
/** The ids of the room's other clients, as the relay's notices tell them. */
const peers = new Set<string>();

socket.onmessage = (e: MessageEvent<string>) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(e.data);
  } catch {
    logLine(`← not JSON: ${oneLine(e.data)}`);
    return;
  }
  logFrame('received', parsed, e.data.length);
  const notice = parsed as { type?: unknown; event?: unknown; size?: unknown } | null;
  if (notice !== null && typeof notice === 'object' && notice.type === 'relay-notice' && notice.event === 'room-full') refusal = `the room is full (${String(notice.size)} peers): the relay let this page go; open another room (?room=…)`;
  // The peer's connection to the relay is gone (a reload, a closed tab): the call with it is over,
  // this page's camera stays on, and the next "ready" (the peer back, Start pressed) calls again.
  // It had been ignored: the reloaded peer's "ready" met "already in call" and both waited for good (relay audit).
  // The room's other peers, from the relay's notices: a call ends when the last one is gone (in a
  // room of more seats, another client leaving had ended it; change audit).
  if (notice !== null && typeof notice === 'object' && notice.type === 'relay-notice') {
    const n = notice as { event?: unknown; id?: unknown; peers?: unknown };
    if (n.event === 'joined' && Array.isArray(n.peers)) for (const id of n.peers) if (typeof id === 'string') peers.add(id);
    if (n.event === 'peer-joined' && typeof n.id === 'string') peers.add(n.id);
    if (n.event === 'peer-left' && typeof n.id === 'string') {
      peers.delete(n.id);
      if (call.pc && peers.size === 0) {
        call.pc.close();
        call.pc = null;
        setState('peer left: waiting for it to come back');
        return;
      }
    }
  }
  // A frame that is not an object (null, a number) is logged, and nothing more.
  if (parsed === null || typeof parsed !== 'object') return;
  const data = parsed as Frame;
  if (!localStream) {
    // Said on the page (relay audit: an offer before Start was dropped with no word).
    if (data.type === 'offer') showError('an offer arrived before Start was pressed: not answered (press Start, and have the peer call again)');
    else console.log('not ready yet');
    return;
  }
  // What the peer sent that the browser refuses is said on the page (it was only a console error).
  const failed = (what: string) => (err: unknown) => showError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  switch (data.type) {
    case 'offer':
      handleOffer(data).catch(failed('the offer could not be applied'));
      break;
    case 'answer':
      handleAnswer(data).catch(failed('the answer could not be applied'));
      break;
    case 'candidate':
      handleCandidate(data).catch(failed('a candidate could not be added'));
      break;
    case 'ready':
      // A second tab joined. This tab will initiate a call unless in a call already.
      if (call.pc) {
        console.log('already in call, ignoring');
        return;
      }
      makeCall().catch((e: unknown) => showError(`the call could not start: ${(e as Error).message ?? String(e)}`));
      break;
    case 'bye':
      if (call.pc) hangup();
      break;
    default:
      console.log('unhandled', data);
      break;
  }
};

/** Says on the page why the camera or microphone cannot be had (the browser's reason, and what to do). */
function mediaError(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? '';
  const reason = e instanceof Error ? e.message : String(e);
  const hint = name === 'NotFoundError' ? 'no camera or microphone on this machine: plug one in, or open the page with ?media=data for a data channel only'
    : name === 'NotAllowedError' ? 'permission denied: allow the camera and microphone for this page'
    : name === 'NotReadableError' ? 'the camera or microphone is in use by another program'
    : !window.isSecureContext ? 'the page is not a secure context: open it over https or on localhost'
    : 'see the browser\'s message';
  return `cannot start: ${reason} (${hint})`;
}

startButton.onclick = async () => {
  if (closedBecause !== null) {
    showError(`cannot start: ${closedBecause}`);
    return;
  }
  try {
    localStream = dataOnly ? new MediaStream() : await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  } catch (e) {
    const text = mediaError(e);
    $('error').textContent = text;
    setState('no media');
    console.error(text);
    return;
  }
  $('error').textContent = '';
  localVideo.srcObject = localStream;
  startButton.disabled = true;
  hangupButton.disabled = false;
  setState('ready');
  signaling.postMessage({ type: 'ready' });
};

hangupButton.onclick = () => {
  hangup();
  signaling.postMessage({ type: 'bye' });
};

function hangup(): void {
  call.pc?.close();
  call.pc = null;
  localStream?.getTracks().forEach((t) => t.stop());
  localStream = null;
  startButton.disabled = false;
  hangupButton.disabled = true;
  setState('hung up');
}

/**
 * The ICE servers box read, and said in the log: which servers the call uses (a link's
 * `?iceServers=` fills the box, so a link cannot pick a TURN server unseen), or why none (it had
 * been a console message only: a typo silently meant no STUN or TURN at all).
 */
function iceServersOf(text: string): RTCIceServer[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    showError(`ICE servers: not JSON (${(e as Error).message}): the call uses none`);
    return [];
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Array.isArray((v as { iceServers?: unknown }).iceServers)) v = (v as { iceServers: unknown }).iceServers;
  const urlsOf = (e: unknown): string[] | null => {
    const u = e !== null && typeof e === 'object' ? (e as { urls?: unknown }).urls : undefined;
    const list = typeof u === 'string' ? [u] : Array.isArray(u) ? u : null;
    return list !== null && list.length > 0 && list.every((x) => typeof x === 'string') ? list : null;
  };
  if (!Array.isArray(v) || !v.every((e) => urlsOf(e) !== null)) {
    showError('ICE servers: expected [{"urls": "stun:host"}, …] or {"iceServers": […]}: the call uses none');
    return [];
  }
  const from = params.get('iceServers') !== null && text === params.get('iceServers') ? ' (from the link\'s ?iceServers=)' : '';
  logLine(v.length === 0 ? 'ICE servers: none (host candidates only)' : `ICE servers${from}: ${oneLine(v.flatMap((e) => urlsOf(e)!).join(' '))}`);
  return v as RTCIceServer[];
}

/** Peer connections made so far: a second call's candidates are set apart in the table (relay audit: a reload's call mixed in with the first). */
let calls = 0;

function createPeerConnection(): void {
  // A new call: what went wrong in the last one is no longer this call's (relay audit: "the offer could not be applied" stayed up over a call that worked).
  $('error').textContent = '';
  if (++calls > 1) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = 9;
    td.textContent = `call ${calls}`;
    tr.appendChild(td);
    $('candidates').appendChild(tr);
  }
  const iceServers = iceServersOf($<HTMLTextAreaElement>('iceServers').value);
  // The lab's knobs for failures made on purpose: a relay-only policy, and a signaling that
  // never forwards this side's candidates (?iceTransportPolicy=relay, ?candidates=0), or sends
  // them with an m-line that does not exist (?candidates=wrong-mid).
  const policy = params.get('iceTransportPolicy') === 'relay' ? 'relay' : 'all';
  let pc: RTCPeerConnection;
  try {
    pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: policy });
  } catch (e) {
    // A server the browser refuses (turn: without a username and credential, a URL it cannot
    // read): said on the page, and the call goes on without any (it was an unhandled rejection
    // on the caller's side: audit of the change).
    showError(`ICE servers refused by the browser (${(e as Error).message}): the call uses none`);
    pc = new RTCPeerConnection({ iceServers: [], iceTransportPolicy: policy });
  }
  call.pc = pc;
  const sendCandidates = params.get('candidates') !== '0';
  // ?candidates=wrong-mid: each candidate sent with an m-line the other side does not have, so its addIceCandidate fails.
  const wrongMid = params.get('candidates') === 'wrong-mid';
  pc.onicecandidate = (e) => {
    if (!sendCandidates) return;
    const message: Frame = { type: 'candidate', candidate: null };
    if (e.candidate) {
      message.candidate = e.candidate.candidate;
      message.sdpMid = wrongMid ? 'no-such-mid' : e.candidate.sdpMid;
      message.sdpMLineIndex = wrongMid ? 99 : e.candidate.sdpMLineIndex;
      candidateRow('local', e.candidate.candidate);
    }
    signaling.postMessage(message);
  };
  pc.oniceconnectionstatechange = () => setState(`ICE ${pc.iceConnectionState}`);
  pc.ontrack = (e) => {
    remoteVideo.srcObject = e.streams[0] ?? null;
  };
  pc.ondatachannel = (e) => useChannel(e.channel, false);
  localStream!.getTracks().forEach((track) => pc.addTrack(track, localStream!));
}

/**
 * Data mode: the side that created the channel says hello when it opens; the other side answers
 * the first message. (Answering at once, when the channel is announced, was lost now and then
 * between Chromium and Firefox: the creator's channel was not open yet.)
 */
function useChannel(channel: RTCDataChannel, created: boolean): void {
  const note = (what: string) => call.channelEvents.push(`${Math.round(performance.now())} ${what} (${channel.readyState})`);
  note(created ? 'channel created' : 'channel announced');
  let said = false;
  const hello = () => {
    if (said || channel.readyState !== 'open') return;
    said = true;
    try {
      channel.send(`hello from the ${created ? 'caller' : 'callee'}`);
      note('hello sent');
    } catch (e) {
      note(`hello failed: ${String(e)}`);
    }
  };
  channel.onopen = () => {
    note('open');
    if (created) hello();
  };
  channel.onmessage = (e: MessageEvent<string>) => {
    note('message');
    call.messages.push(e.data);
    setState(`${call.state.split(' · ')[0]} · ${call.messages.length} message(s)`);
    hello();
  };
}

async function makeCall(): Promise<void> {
  createPeerConnection();
  if (dataOnly) useChannel(call.pc!.createDataChannel('sdpscope'), true);
  if (videoCodecs.length > 0) {
    const all = RTCRtpReceiver.getCapabilities('video')?.codecs ?? [];
    const mime = (c: RTCRtpCodec) => c.mimeType.toLowerCase();
    // A name this browser has no codec for is said as such (relay audit: the browser's own
    // "codec list must have a non RTX, RED, FEC or Comfort Noise entry" for ?videoCodecs=NOPE).
    const missing = videoCodecs.filter((v) => !all.some((c) => mime(c) === v));
    const media = [...new Set(all.map((c) => c.mimeType.slice(6)).filter((n) => !/^(rtx|red|ulpfec|flexfec-03)$/i.test(n)))].join(', ');
    if (missing.length > 0) throw new Error(`?videoCodecs= names ${missing.map((m) => m.slice(6)).join(', ')}, which this browser has no codec for (it has ${media})`);
    // RED, FEC and rtx carry a codec's packets: alone they are no codec (audit of the change: the browser's own error again).
    if (videoCodecs.every((v) => /^video\/(rtx|red|ulpfec|flexfec-03)$/.test(v))) throw new Error(`?videoCodecs= names no video codec, only what carries one (rtx, red, ulpfec, flexfec): name one of ${media} too`);
    // In the order given: the order of setCodecPreferences is the order of preference (relay
    // audit: h264,vp9 offered VP9 first, as the browser lists them); rtx after them.
    const wanted = [...videoCodecs.flatMap((v) => all.filter((c) => mime(c) === v)), ...all.filter((c) => mime(c) === 'video/rtx')];
    for (const t of call.pc!.getTransceivers()) if (t.receiver.track.kind === 'video') t.setCodecPreferences(wanted);
  }
  // The peer may leave while this waits (peer-left closes the call): then there is no call to go on with.
  const pc = call.pc!;
  const offer = await pc.createOffer();
  if (call.pc !== pc) return;
  signaling.postMessage({ type: 'offer', sdp: offer.sdp! });
  await pc.setLocalDescription(offer);
  showSdp('localSdp', offer.sdp!);
}

async function handleOffer(offer: Frame): Promise<void> {
  if (call.pc) {
    console.error('existing peerconnection');
    return;
  }
  createPeerConnection();
  let sdp: string | null = null;
  try {
    sdp = sdpIn(offer, 'offer');
    if (sdp === null) throw new Error('the frame has no sdp string (nor offer.sdp)');
    await call.pc!.setRemoteDescription({ type: 'offer', sdp });
  } catch (e) {
    // A bad offer leaves no connection behind: the page is ready for the next call (it stayed stuck, ignoring "ready").
    (call.pc as RTCPeerConnection | null)?.close();
    call.pc = null;
    throw e;
  }
  showSdp('remoteSdp', sdp!);
  // Read again: narrowed above, TypeScript does not see that awaiting may have changed it.
  const pc = call.pc as RTCPeerConnection | null;
  if (pc === null) return;
  const answer = await pc.createAnswer();
  if ((call.pc as RTCPeerConnection | null) !== pc) return;
  signaling.postMessage({ type: 'answer', sdp: answer.sdp! });
  await pc.setLocalDescription(answer);
  showSdp('localSdp', answer.sdp!);
}

async function handleAnswer(answer: Frame): Promise<void> {
  if (!call.pc) {
    console.error('no peerconnection');
    return;
  }
  const sdp = sdpIn(answer, 'answer');
  if (sdp === null) throw new Error('the frame has no sdp string (nor answer.sdp)');
  await call.pc.setRemoteDescription({ type: 'answer', sdp });
  showSdp('remoteSdp', sdp);
}

async function handleCandidate(frame: Frame): Promise<void> {
  if (!call.pc) {
    // Said in the log, not only the console (lab audit: one that was not even a string vanished).
    const c = frame.candidate;
    logLine(`! a candidate arrived before any call: not added (the offer comes first)${c !== null && c !== undefined && typeof c !== 'string' && typeof (c as { candidate?: unknown }).candidate !== 'string' ? '; it is not a string either' : ''}`);
    return;
  }
  // Both of the seed's shapes: the candidate as a string beside sdpMid, or an RTCIceCandidateInit.
  const init: RTCIceCandidateInit | null =
    frame.candidate === null || frame.candidate === '' || frame.candidate === undefined
      ? null
      : typeof frame.candidate === 'string'
        ? { candidate: frame.candidate, sdpMid: frame.sdpMid ?? null, sdpMLineIndex: frame.sdpMLineIndex ?? null }
        : (frame.candidate as RTCIceCandidateInit);
  if (!init) {
    await call.pc.addIceCandidate(null as unknown as RTCIceCandidateInit);
    return;
  }
  if (init.candidate !== undefined && typeof init.candidate !== 'string') throw new Error(`the candidate is not a string: ${JSON.stringify(init.candidate)}`);
  candidateRow('remote', init.candidate ?? '');
  await call.pc.addIceCandidate(init);
}
