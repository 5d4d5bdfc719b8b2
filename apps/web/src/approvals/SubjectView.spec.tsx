import { render, screen } from '@testing-library/react';
import type { FormVersion } from '../api/api-types';
import { keyInWords, SubjectView } from './SubjectView';

const policyForm: FormVersion = {
  key: 'policy-note',
  version: 3,
  title: 'Policy note',
  schema: {
    type: 'object',
    properties: {
      purposeSummary: { type: 'string', title: 'What the policy sets out to do' },
      version: { type: 'string', title: 'Version' },
    },
  },
  uiSchema: {},
  changeNote: 'First version',
  publishedAt: '2026-12-01T10:00:00Z',
};

describe('what is being approved', () => {
  it('shows the subject as the read-only form it was submitted with: labels and values, no keys', async () => {
    const loadForm = jest.fn(async () => policyForm);
    render(
      <SubjectView
        subject={{ purposeSummary: 'Use AI responsibly.', version: '1.2' }}
        sha256={'a'.repeat(64)}
        subjectForm={{ key: 'policy-note', version: 3, title: 'Policy note' }}
        loadForm={loadForm}
      />,
    );
    const field = await screen.findByLabelText('What the policy sets out to do');
    expect(field).toHaveValue('Use AI responsibly.');
    expect(field).toHaveAttribute('readonly');
    expect(screen.getByLabelText('Version')).toHaveValue('1.2');
    expect(loadForm).toHaveBeenCalledWith('policy-note', 3, expect.anything());
    expect(screen.queryByText('purposeSummary')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /submit/i })).not.toBeInTheDocument();
  });

  it('without a form (a phase gate), lists the fields in words', () => {
    render(<SubjectView subject={{ budgetApproved: true, gap_items: [] }} sha256={'b'.repeat(64)} />);
    expect(screen.getByText('Budget approved')).toBeInTheDocument();
    expect(screen.getByText('Gap items')).toBeInTheDocument();
    expect(keyInWords('signingOff')).toBe('Signing off');
  });
});
