import { fireEvent, render, screen, within } from '@testing-library/react';
import { HistoryTimeline, type HistoryEntry } from './HistoryTimeline';

const items: HistoryEntry[] = [
  {
    seq: '9',
    kind: 'instance.started',
    eventType: null,
    actorId: 'u-1',
    actorName: 'Ada Lovelace',
    createdAt: '2025-03-01T09:00:00.000Z',
    stateBefore: null,
    stateAfter: 'draft',
    payload: null,
    hash: 'aaaaaaaa11111111',
    prevHash: '0000',
  },
  {
    seq: '10',
    kind: 'event',
    eventType: 'SUBMIT',
    actorId: 'u-2',
    createdAt: '2025-03-02T10:30:00.000Z',
    stateBefore: 'draft',
    stateAfter: { review: { legal: 'open', tech: {} } },
    payload: {},
    hash: 'bbbbbbbb22222222',
    prevHash: 'aaaaaaaa11111111',
  },
];

const entries = () => within(screen.getByRole('list')).getAllByRole('listitem');

describe('HistoryTimeline', () => {
  it('lists entries newest first by default, comparing sequence numbers as numbers', () => {
    render(<HistoryTimeline items={items} />);
    expect(entries().map((li) => li.querySelector('time')?.getAttribute('datetime'))).toEqual([
      '2025-03-02T10:30:00.000Z',
      '2025-03-01T09:00:00.000Z',
    ]);
  });

  it('shows the event, actor, state change and a short hash with the full hash in its title', () => {
    render(<HistoryTimeline items={items} formatTime={(iso) => iso.slice(0, 10)} />);
    const [submit, started] = entries();
    expect(submit).toHaveTextContent('2025-03-02');
    expect(submit).toHaveTextContent('event · SUBMIT');
    expect(submit).toHaveTextContent('u-2');
    expect(submit).toHaveTextContent('draft → review.{legal.open, tech}');
    expect(within(submit).getByText('bbbbbbbb')).toHaveAttribute('title', 'bbbbbbbb22222222');
    expect(started).toHaveTextContent('Ada Lovelace');
    expect(started).toHaveTextContent('— → draft');
  });

  it('flips to oldest first and back with the toggle', () => {
    render(<HistoryTimeline items={items} />);
    const toggle = screen.getByRole('button', { name: 'Oldest first' });
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(entries()[0]).toHaveTextContent('instance.started');
    fireEvent.click(toggle);
    expect(entries()[0]).toHaveTextContent('SUBMIT');
  });

  it('says so when there is no history', () => {
    render(<HistoryTimeline items={[]} />);
    expect(screen.getByText('No history yet.')).toBeInTheDocument();
  });
});
