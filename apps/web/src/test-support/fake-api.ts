import { createApiClient } from '../api/api-client';

export type Handler = (init: RequestInit, url: URL) => { status: number; body?: unknown };

/** A fake server: routes `METHOD /path` to handlers; anything else is a 404. */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: string[] = [];
  const fetchMock = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const key = `${init.method ?? 'GET'} ${url.pathname}`;
    calls.push(key);
    const { status, body } = routes[key]?.(init, url) ?? {
      status: 404,
      body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no route' },
    };
    // jsdom has no Fetch API Response; the client only needs these members.
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: '',
      json: async () => body,
      text: async () => (body === undefined ? '' : JSON.stringify(body)),
    } as Response;
  };
  return { api: createApiClient({ fetch: fetchMock as typeof fetch }), calls };
}
