import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { SessionUser } from '../api/api-types';
import { App } from '../app/App';
import { fakeApi, type Handler } from '../test-support/fake-api';
import type { AuditVerifyReport } from './audit-api';

const auditor: SessionUser = {
  id: 'u7',
  email: 'auditor@acme.example',
  name: 'Ivan Auditor',
  roles: ['internal-auditor'],
  organization: { id: 'o1', name: 'Acme AI Ltd', slug: 'acme' },
  groups: [],
};
const contributor: SessionUser = { ...auditor, id: 'u4', roles: ['contributor'] };

const report = (overrides: Partial<AuditVerifyReport> = {}): AuditVerifyReport => ({
  ok: true,
  records: 1234,
  chains: 3,
  checkpoints: 2,
  lastCheckpointAt: '2025-03-04T10:20:00.000Z',
  unsealedChains: 0,
  keyId: 'ed25519:abc123',
  ...overrides,
});

function renderAt(user: SessionUser, verify?: Handler) {
  window.history.replaceState(null, '', '/audit');
  const { api, calls } = fakeApi({
    'GET /api/auth/me': () => ({ status: 200, body: { user } }),
    ...(verify ? { 'GET /api/audit/verify': verify } : {}),
  });
  render(<App api={api} />);
  return calls;
}

describe('Audit trail page', () => {
  it('verifies on demand and reports records, chains, checkpoints and unsealed chains', async () => {
    const calls = renderAt(auditor, () => ({ status: 200, body: report({ unsealedChains: 2 }) }));
    await screen.findByRole('heading', { name: 'Audit trail', level: 1 });
    expect(screen.getByRole('link', { name: 'Audit trail' })).toHaveAttribute('href', '/audit');
    expect(screen.getByRole('link', { name: 'Download the export (JSON Lines)' })).toHaveAttribute(
      'href',
      '/api/audit/export',
    );
    expect(calls).not.toContain('GET /api/audit/verify');

    fireEvent.click(screen.getByRole('button', { name: 'Verify the audit trail' }));
    expect(screen.getByRole('button', { name: 'Verifying…' })).toBeDisabled();

    const result = await screen.findByTestId('audit-verify-result');
    const sealed = new Date('2025-03-04T10:20:00.000Z').toLocaleString(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    expect(result).toHaveTextContent(
      `Verified: ${(1234).toLocaleString()} records in 3 chains, 2 signed checkpoints (last sealed ${sealed}).`,
    );
    expect(result).toHaveTextContent('2 chains have records newer than the last checkpoint');
    expect(result).toHaveTextContent('ed25519:abc123');
    expect(result.parentElement).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Verify the audit trail' })).toBeEnabled();
  });

  it('says so when nothing is sealed yet', async () => {
    renderAt(auditor, () => ({
      status: 200,
      body: report({ records: 1, chains: 1, checkpoints: 0, lastCheckpointAt: null, unsealedChains: 1 }),
    }));
    fireEvent.click(await screen.findByRole('button', { name: 'Verify the audit trail' }));
    const result = await screen.findByTestId('audit-verify-result');
    expect(result).toHaveTextContent('Verified: 1 record in 1 chain, no signed checkpoint yet.');
    expect(result).toHaveTextContent('1 chain has records not yet sealed by a checkpoint');
  });

  it('names the chain, sequence number and reason of the first broken link', async () => {
    renderAt(auditor, () => ({
      status: 200,
      body: report({
        ok: false,
        records: 41,
        firstBroken: { chainId: 'inst-9', seq: '42', id: 'rec-42', reason: 'hash does not match' },
      }),
    }));
    fireEvent.click(await screen.findByRole('button', { name: 'Verify the audit trail' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'First broken link: the chain of process inst-9, record number 42 (record id rec-42): hash does not match.',
    );
    expect(alert).toHaveTextContent('41 records in 3 chains verified before the break');
  });

  it('names the organisation chain when the break is there', async () => {
    renderAt(auditor, () => ({
      status: 200,
      body: report({ ok: false, firstBroken: { chainId: 'o1', seq: '3', reason: 'chain head missing' } }),
    }));
    fireEvent.click(await screen.findByRole('button', { name: 'Verify the audit trail' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "First broken link: the organisation's chain (o1), record number 3: chain head missing.",
    );
  });

  it('shows a refused or failed request as an error, and can try again', async () => {
    let status = 403;
    renderAt(auditor, () =>
      status === 403
        ? {
            status,
            body: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Forbidden resource' },
          }
        : {
            status,
            body: { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'boom' },
          },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Verify the audit trail' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your roles do not include verifying the audit trail',
    );
    status = 500;
    fireEvent.click(screen.getByRole('button', { name: 'Verify the audit trail' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('Could not verify the audit trail: boom'),
    );
  });

  it('is not in the nav of a contributor, whose /audit is the no-access page', async () => {
    renderAt(contributor);
    await screen.findByRole('heading', { name: 'No access' });
    expect(screen.queryByRole('link', { name: 'Audit trail' })).not.toBeInTheDocument();
  });
});
