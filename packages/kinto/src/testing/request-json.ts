/** Test support: how a helper sends a request: `app.request` in process, or `fetch` to a server. */
export type Send = (path: string, init: RequestInit) => Response | Promise<Response>;

/** Test support: the status, headers and parsed JSON body (`undefined` when empty) of an answer. */
export interface JsonAnswer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test helper returns parsed JSON of any shape
  readonly json: any;
}

/** Test support: sends `method path`, `body` as JSON and `auth` as `Authorization` when given. */
export async function requestJson(
  send: Send,
  method: string,
  path: string,
  options: { body?: unknown; auth?: string } = {},
): Promise<JsonAnswer> {
  const response = await send(path, {
    method,
    headers: {
      ...(options.auth ? { Authorization: options.auth } : {}),
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}
