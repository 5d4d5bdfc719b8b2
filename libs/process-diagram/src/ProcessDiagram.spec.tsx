import { fireEvent, render, screen } from '@testing-library/react';
import { LazyProcessDiagram } from './LazyProcessDiagram';
import { reviewGraph } from './test/fixtures';

describe('LazyProcessDiagram', () => {
  it('shows a placeholder, then every state with the current one marked in words', async () => {
    render(<LazyProcessDiagram graph={reviewGraph} stateValue="draft" />);
    expect(screen.getByRole('status')).toHaveTextContent('Laying out diagram…');

    const draft = await screen.findByRole('group', { name: 'draft, atomic state, current' });
    expect(draft).toHaveTextContent('current');
    expect(draft).toHaveTextContent('form: risk-assessment');
    expect(screen.getByRole('group', { name: 'approved, final state' })).not.toHaveTextContent('current');
    expect(screen.getByText('Current state: draft')).toBeInTheDocument();
  });

  it('reports the state the user clicks', async () => {
    const onSelectState = jest.fn();
    render(
      <LazyProcessDiagram
        graph={reviewGraph}
        activeStateIds={['doc.review.tech']}
        onSelectState={onSelectState}
      />,
    );
    fireEvent.click(await screen.findByRole('group', { name: 'impact, atomic state' }));
    expect(onSelectState).toHaveBeenCalledWith('doc.impact');
  });

  it('reports the state picked with the keyboard', async () => {
    const onSelectState = jest.fn();
    render(<LazyProcessDiagram graph={reviewGraph} stateValue="draft" onSelectState={onSelectState} />);
    const approved = await screen.findByRole('group', { name: 'approved, final state' });
    approved.focus();
    fireEvent.keyDown(approved, { key: 'Enter' });
    expect(onSelectState).toHaveBeenCalledWith('doc.approved');
  });
});
