declare module 'parse-prometheus-text-format' {
  /** One sample of a parsed family (histograms and summaries carry `buckets`/`count`/`sum`). */
  export interface ParsedSample {
    readonly value?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly buckets?: Readonly<Record<string, string>>;
    readonly count?: string;
    readonly sum?: string;
  }
  /** One metric family. */
  export interface ParsedFamily {
    readonly name: string;
    readonly help: string;
    readonly type: string;
    readonly metrics: readonly ParsedSample[];
  }
  /** Parses the Prometheus text exposition format; throws on a malformed line. */
  export default function parse(text: string): ParsedFamily[];
}
