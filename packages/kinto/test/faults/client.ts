/** The status, headers and parsed JSON body of a request to a server of the suite. */
export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any shape
  readonly body: any;
}

/** Sends a JSON request (setup and re-reads, not the load). */
export async function requestJson(
  origin: string,
  method: string,
  path: string,
  auth: string | undefined,
  body?: unknown,
): Promise<JsonAnswer> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: {
      ...(auth ? { Authorization: auth } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** As {@link requestJson}, throwing unless the answer is a success. */
export async function mustJson(...request: Parameters<typeof requestJson>): Promise<JsonAnswer> {
  const answer = await requestJson(...request);
  if (answer.status >= 300) {
    const [, method, path] = request;
    throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer;
}
