import { Agent, request } from 'node:http';

/** One answer, with the client's wall time from sending the request to the end of the body. */
export interface TimedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** Milliseconds, measured here: request written → last byte of the body read. */
  readonly wallMs: number;
}

/**
 * Sequential requests over one kept-alive connection (`maxSockets: 1`), so a measured time is the
 * server's latency plus one loopback round trip, never time spent queueing behind other requests.
 */
export class OneConnectionClient {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    readonly origin: string,
    readonly authorization?: string,
  ) {}

  send(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<TimedResponse> {
    const url = new URL(path, this.origin);
    const all = {
      ...(this.authorization ? { authorization: this.authorization } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    };
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(url, { method, agent: this.#agent, headers: all }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            wallMs: performance.now() - started,
          }),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** One header as a single string (`undefined` when absent). */
export function header(response: TimedResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `Server-Timing: storage;dur=4.12;desc="3 calls", total;dur=6.31` as `{ storage: 4.12, total: 6.31 }`. */
export function parseServerTiming(value: string | undefined): Record<string, number> {
  const spans: Record<string, number> = {};
  if (!value) return spans;
  for (const entry of value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const [name, ...params] = entry.split(';').map((part) => part.trim());
    const duration = params.find((param) => param.startsWith('dur='));
    if (name && duration) spans[name] = Number(duration.slice(4));
  }
  return spans;
}
