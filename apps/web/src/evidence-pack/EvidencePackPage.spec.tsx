import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createApiClient } from '../api/api-client';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import type { PackVerification } from './evidence-pack-api';

const manager: SessionUser = {
  id: 'u2',
  email: 'manager@acme.example',
  name: 'Maya Manager',
  roles: ['aims-manager'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};
const contributor: SessionUser = { ...manager, id: 'u4', roles: ['contributor'] };

/** A streamed body the test releases chunk by chunk, to see the progress in between. */
function streamedBody() {
  const pending: Array<(r: { done: boolean; value?: Uint8Array }) => void> = [];
  const queued: Array<{ done: boolean; value?: Uint8Array }> = [];
  const reader = {
    read: () =>
      new Promise<{ done: boolean; value?: Uint8Array }>((resolve) => {
        const next = queued.shift();
        if (next) resolve(next);
        else pending.push(resolve);
      }),
  };
  const send = (r: { done: boolean; value?: Uint8Array }) => {
    const waiting = pending.shift();
    if (waiting) waiting(r);
    else queued.push(r);
  };
  return {
    body: { getReader: () => reader },
    chunk: (bytes: number) => send({ done: false, value: new Uint8Array(bytes) }),
    end: () => send({ done: true }),
  };
}

function renderAt(user: SessionUser, routes: Record<string, (init: RequestInit) => unknown>) {
  window.history.replaceState(null, '', '/evidence-pack');
  const calls: Array<{ key: string; init: RequestInit }> = [];
  const fetchMock = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const key = `${init.method ?? 'GET'} ${new URL(String(input), 'http://localhost').pathname}`;
    calls.push({ key, init });
    if (key === 'GET /api/auth/me') return json(200, { user });
    const route = routes[key];
    return route
      ? (route(init) as Response)
      : json(404, { title: 'Not Found', status: 404, detail: 'no route' });
  };
  render(<App api={createApiClient({ fetch: fetchMock as typeof fetch })} />);
  return calls;
}

function json(status: number, body: unknown) {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: '',
    headers: new Headers({ 'content-type': 'application/json' }),
    json: async () => body,
    text: async () => JSON.stringify(body),
  } as unknown as Response;
}

describe('Evidence pack page', () => {
  beforeAll(() => {
    URL.createObjectURL = jest.fn(() => 'blob:pack');
    URL.revokeObjectURL = jest.fn();
  });

  it('shows the download progress against the announced size, then saves the pack', async () => {
    const stream = streamedBody();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderAt(manager, {
      'GET /api/evidence-pack': () =>
        ({
          ok: true,
          status: 200,
          headers: new Headers({
            'x-pack-files': '40',
            'x-pack-estimated-bytes': String(400 * 1024),
            'content-disposition': 'attachment; filename="evidence-pack-acme-2026-12-06.zip"',
          }),
          body: stream.body,
        }) as unknown as Response,
    });
    await screen.findByRole('heading', { name: 'Evidence pack', level: 1 });

    fireEvent.click(screen.getByRole('button', { name: 'Build and download the evidence pack' }));
    stream.chunk(100 * 1024);
    const progress = await screen.findByTestId('pack-progress');
    await waitFor(() => expect(progress).toHaveTextContent('Received 100 kB of about 400 kB · 40 files'));
    expect(within(progress).getByRole('progressbar')).toHaveAttribute('value', '0.25');
    expect(screen.getByRole('button', { name: 'Building the pack…' })).toBeDisabled();

    stream.chunk(200 * 1024);
    await waitFor(() => expect(progress).toHaveTextContent('Received 300 kB of about 400 kB'));
    stream.chunk(200 * 1024); // more than the estimate: the bar waits just short of full
    await waitFor(() => expect(within(progress).getByRole('progressbar')).toHaveAttribute('value', '0.99'));
    stream.end();

    expect(await screen.findByTestId('pack-downloaded')).toHaveTextContent(
      'Downloaded evidence-pack-acme-2026-12-06.zip (500 kB, 40 files).',
    );
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
  });

  it('says why a download was refused', async () => {
    renderAt(manager, {
      'GET /api/evidence-pack': () =>
        json(403, { title: 'Forbidden', status: 403, detail: 'Your role does not allow this.' }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Build and download the evidence pack' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not build the evidence pack');
  });

  it('uploads a pack to verify and lists what is wrong with it', async () => {
    const failed: PackVerification = {
      ok: false,
      keyId: 'k1',
      pinned: true,
      signature: 'valid',
      files: 40,
      organization: { id: 'o1', name: 'Acme AI Ltd' },
      createdAt: '2026-12-06T10:00:00.000Z',
      problems: [
        { path: 'registers/risks.csv', problem: 'SHA-256 is abc, the manifest says def' },
        { path: 'evidence/planted.txt', problem: 'not listed in the manifest' },
      ],
    };
    let answer: PackVerification = failed;
    const calls = renderAt(manager, { 'POST /api/evidence-pack/verify': () => json(200, answer) });
    await screen.findByRole('heading', { name: 'Evidence pack', level: 1 });
    const verifyButton = screen.getByRole('button', { name: 'Verify the pack' });
    expect(verifyButton).toBeDisabled();
    const pack = new File([new Uint8Array([0x50, 0x4b])], 'pack.zip', { type: 'application/zip' });
    fireEvent.change(screen.getByLabelText('Evidence pack (.zip)'), { target: { files: [pack] } });
    fireEvent.click(verifyButton);

    const result = await screen.findByTestId('pack-verify-result');
    expect(result).toHaveTextContent('Not verified: pack.zip has 2 problems (the signature is valid).');
    expect(
      within(result)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'registers/risks.csv: SHA-256 is abc, the manifest says def',
      'evidence/planted.txt: not listed in the manifest',
    ]);
    const sent = calls.find((c) => c.key === 'POST /api/evidence-pack/verify')!;
    expect(sent.init.body).toBe(pack);
    expect((sent.init.headers as Record<string, string>)['Content-Type']).toBe('application/zip');

    answer = { ...failed, ok: true, problems: [] };
    fireEvent.click(screen.getByRole('button', { name: 'Verify the pack' }));
    await waitFor(() =>
      expect(screen.getByTestId('pack-verify-result')).toHaveTextContent(
        'Verified: pack.zip holds 40 files exactly as its manifest lists them',
      ),
    );
  });

  it('gives a contributor the no-access page at /evidence-pack', async () => {
    renderAt(contributor, {});
    await screen.findByRole('heading', { name: 'No access' });
    expect(screen.queryByRole('link', { name: 'Evidence pack' })).not.toBeInTheDocument();
  });
});
