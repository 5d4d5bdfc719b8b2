import { ApiError, buildUrl, createApiClient } from './api-client';

function jsonResponse(status: number, body?: unknown): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: `status ${status}`,
    json: async () => {
      if (body === undefined) throw new SyntaxError('Unexpected end of JSON input');
      return body;
    },
    text: async () => (body === undefined ? '' : JSON.stringify(body)),
  } as Response;
}

function clientWith(response: Response | Error) {
  const fetchMock = jest.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  const onUnauthorized = jest.fn();
  const client = createApiClient({ fetch: fetchMock as unknown as typeof fetch, onUnauthorized });
  return { client, fetchMock, onUnauthorized };
}

describe('buildUrl', () => {
  it('prefixes the base URL and leaves out empty query values', () => {
    expect(
      buildUrl('/api', '/users', { search: 'ann lee', limit: 25, cursor: null, x: undefined, y: '' }),
    ).toBe('/api/users?search=ann+lee&limit=25');
    expect(buildUrl('/api', '/groups')).toBe('/api/groups');
  });
});

describe('createApiClient', () => {
  it('sends JSON with the session cookie and returns the parsed body', async () => {
    const { client, fetchMock } = clientWith(jsonResponse(201, { id: 'g1' }));
    await expect(client.post('/groups', { name: 'Risk owners' })).resolves.toEqual({ id: 'g1' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/groups',
      expect.objectContaining({
        method: 'POST',
        credentials: 'same-origin',
        body: '{"name":"Risk owners"}',
        headers: expect.objectContaining({ 'Content-Type': 'application/json' }),
      }),
    );
  });

  it('sends the CSRF header on every method', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      const { client, fetchMock } = clientWith(jsonResponse(200, {}));
      await client.request(method, '/x', method === 'GET' ? {} : { body: {} });
      const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
      expect(init.headers).toMatchObject({ 'X-Requested-With': 'aimsflow' });
    }
  });

  it('sends no body and no content type on a GET', async () => {
    const { client, fetchMock } = clientWith(jsonResponse(200, { items: [] }));
    await client.get('/users', { query: { search: 'a' } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/users?search=a');
    expect(init.body).toBeUndefined();
    expect(init.headers).not.toHaveProperty('Content-Type');
  });

  it('resolves undefined for 204 No Content', async () => {
    const { client } = clientWith(jsonResponse(204));
    await expect(client.post('/auth/logout')).resolves.toBeUndefined();
  });

  it('turns a problem+json body into an ApiError with status, title, detail, errors and code', async () => {
    const { client } = clientWith(
      jsonResponse(400, {
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'email must be an email',
        instance: '/api/users',
        errors: [{ pointer: '/email', message: 'email must be an email' }],
      }),
    );
    const error = await client.post('/users', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      title: 'Bad Request',
      detail: 'email must be an email',
      message: 'email must be an email',
      errors: [{ pointer: '/email', message: 'email must be an email' }],
      code: undefined,
    });
  });

  it('keeps a machine-readable code and ignores malformed errors', async () => {
    const { client } = clientWith(
      jsonResponse(403, {
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
        detail: 'Change your password first.',
        code: 'password-change-required',
        errors: [{ message: 'no pointer' }, 'text', { pointer: '/password', message: 'too short' }],
      }),
    );
    await expect(client.get('/users')).rejects.toMatchObject({
      code: 'password-change-required',
      errors: [{ pointer: '/password', message: 'too short' }],
    });
  });

  it('reads only the problem shape: an old {message} body falls back to the status text', async () => {
    const { client } = clientWith(jsonResponse(404, { statusCode: 404, message: 'gone' }));
    await expect(client.get('/x')).rejects.toMatchObject({ status: 404, detail: 'Not found.', errors: [] });
  });

  it('explains a failure that has no JSON body', async () => {
    const { client } = clientWith(jsonResponse(502));
    await expect(client.get('/health')).rejects.toMatchObject({
      status: 502,
      message: 'The server had a problem. Please try again.',
    });
  });

  it('reports an unreachable server as a network ApiError with status 0', async () => {
    const { client } = clientWith(new TypeError('Failed to fetch'));
    await expect(client.get('/health')).rejects.toMatchObject({ status: 0, title: 'Network Error' });
  });

  it('calls the unauthorized handler on a 401, so the app returns to the login page', async () => {
    const { client, onUnauthorized } = clientWith(
      jsonResponse(401, { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'No session' }),
    );
    await expect(client.get('/users')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not call the unauthorized handler when the call expects a 401 (login, session probe)', async () => {
    const { client, onUnauthorized } = clientWith(
      jsonResponse(401, {
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'Bad credentials',
      }),
    );
    await expect(client.post('/auth/login', {}, { allowUnauthorized: true })).rejects.toMatchObject({
      status: 401,
    });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('uses the handler installed later with setUnauthorizedHandler', async () => {
    const { client, onUnauthorized } = clientWith(jsonResponse(401, {}));
    const replacement = jest.fn();
    client.setUnauthorizedHandler(replacement);
    await client.get('/users').catch(() => undefined);
    expect(replacement).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
