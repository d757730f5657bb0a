/**
 * A minimal WebDriver BiDi client (W3C WebDriver BiDi: session.new, browsingContext.*,
 * script.evaluate), enough to drive Debian's Firefox ESR, which speaks BiDi natively when started
 * with --remote-debugging-port. playwright-core's own BiDi Firefox needs commands this ESR
 * lacks (emulation.setMediaFeaturesOverride), hence this.
 */
import WebSocket from 'ws';

interface BidiResponse {
  readonly type: 'success' | 'error' | 'event';
  readonly id?: number;
  readonly result?: Record<string, unknown>;
  readonly error?: string;
  readonly message?: string;
}

export class BidiSession {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const msg = JSON.parse(String(data)) as BidiResponse;
      if (msg.id === undefined) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.type === 'success') p.resolve(msg.result ?? {});
      else p.reject(new Error(`${msg.error ?? 'error'}: ${msg.message ?? ''}`));
    });
    socket.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('the browser closed the WebDriver BiDi connection'));
      this.pending.clear();
    });
  }

  /**
   * Connects (a ws:// URL, or ws+unix://path:/session with the Host header Firefox expects,
   * e.g. "127.0.0.1:9222": it refuses other hosts) and starts a session.
   */
  static async connect(url: string, host?: string, timeoutMs = 10_000): Promise<{ session: BidiSession; capabilities: Record<string, unknown> }> {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs, ...(host ? { headers: { host } } : {}) });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const session = new BidiSession(socket);
    const r = await session.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
    return { session, capabilities: (r['capabilities'] ?? {}) as Record<string, unknown> };
  }

  send(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The first top-level browsing context (the window Firefox opens with). */
  async topContext(): Promise<string> {
    const tree = await this.send('browsingContext.getTree', { maxDepth: 0 });
    const contexts = tree['contexts'] as { context: string }[];
    if (!contexts[0]) throw new Error('Firefox has no browsing context');
    return contexts[0].context;
  }

  /**
   * Evaluates an expression in the page, awaits it if it is a promise, and returns its value as
   * JSON (so only JSON-serialisable results come back; exceptions reject with their text).
   */
  async evaluate<T>(context: string, expression: string): Promise<T> {
    const r = await this.send('script.evaluate', {
      expression: `(async () => JSON.stringify((await (${expression})) ?? null))()`,
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    if (r['type'] === 'exception') {
      const details = r['exceptionDetails'] as { text?: string } | undefined;
      throw new Error(`in Firefox: ${details?.text ?? 'exception'}`);
    }
    const value = (r['result'] as { value?: string } | undefined)?.value;
    return JSON.parse(value ?? 'null') as T;
  }

  close(): void {
    this.socket.close();
  }
}
