import { createSocket, type Socket } from 'node:dgram';
import type { MetricLabels, Metrics } from '../metrics/metrics.ts';

/** Options of {@link createStatsdMetrics}. */
export interface StatsdOptions {
  /** `statsd_url`, e.g. `udp://localhost:8125`. */
  readonly url: string;
  /** Prefix of every key (Kinto: `project_name`, else `statsd_prefix`); none when empty. */
  readonly prefix?: string;
  /** Packets are flushed when they would exceed this size in bytes; default 1,400 (one MTU). */
  readonly maxPacketBytes?: number;
  /** Sends one packet; default a UDP socket to `url`. */
  readonly send?: (packet: string) => void;
}

/** StatsD metrics that can be flushed and closed. */
export interface StatsdMetrics extends Metrics {
  /** Sends the buffered lines now. */
  flush(): void;
  /** Flushes and closes the socket. */
  close(): Promise<void>;
}

/** Characters StatsD (and Telegraf) parse as separators, removed from keys and label values. */
const UNSAFE = /[:|@\n\s]/g;

function clean(value: string): string {
  return value.replace(UNSAFE, '');
}

/**
 * A StatsD sink over UDP, as Kinto's: labels are appended to the key (`request_summary.method.get
 * .endpoint.hello.status.200`), `count` sends counters (`|c`), `timer` timings in ms (`|ms`),
 * `observe` and `gauge` gauges (`|g`). Lines are batched into packets and sent on the next tick.
 * Sending failures are ignored (metrics never fail a request).
 */
export function createStatsdMetrics(options: StatsdOptions): StatsdMetrics {
  const url = new URL(options.url);
  const prefix = options.prefix ? `${clean(options.prefix)}.` : '';
  const maxBytes = options.maxPacketBytes ?? 1400;
  let socket: Socket | undefined;
  const send =
    options.send ??
    ((packet: string) => {
      socket ??= createSocket(url.hostname.includes(':') ? 'udp6' : 'udp4');
      socket.unref();
      socket.send(packet, Number(url.port || 8125), url.hostname.replace(/^\[|\]$/g, ''), () => {});
    });
  let buffer: string[] = [];
  let size = 0;
  let scheduled = false;

  function flush(): void {
    scheduled = false;
    if (buffer.length === 0) return;
    const packet = buffer.join('\n');
    buffer = [];
    size = 0;
    try {
      send(packet);
    } catch {
      // UDP metrics are best effort.
    }
  }

  function push(key: string, labels: MetricLabels | undefined, value: string, type: string): void {
    let name = prefix + clean(key);
    if (labels) for (const label in labels) name += `.${clean(label)}.${clean(labels[label] ?? '')}`;
    const line = `${name}:${value}|${type}`;
    if (size + line.length + 1 > maxBytes) flush();
    buffer.push(line);
    size += line.length + 1;
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  }

  return {
    count: (key, value = 1, labels) => push(key, labels, String(value), 'c'),
    timer: (key, seconds, labels) => push(key, labels, String(Math.round(seconds * 1e6) / 1e3), 'ms'),
    observe: (key, value, labels) => push(key, labels, String(value), 'g'),
    gauge: (key, value, labels) => push(key, labels, String(value), 'g'),
    flush,
    close: () =>
      new Promise<void>((resolve) => {
        flush();
        if (!socket) return resolve();
        socket.close(() => resolve());
        socket = undefined;
      }),
  };
}
