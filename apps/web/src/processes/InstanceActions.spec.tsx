import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { OfferedAction, ProcessInstanceDetail } from '../api/api-types';
import { InstanceActions } from './InstanceActions';

const inventory: OfferedAction = {
  event: 'INVENTORY_COMPLETE',
  title: 'Inventory complete',
  description: 'Close the inventory.',
  confirm: 'Close the AI system inventory?',
  unavailableReason: 'Register at least one AI system first.',
  stateId: 'phase.inventory.registering',
  available: true,
};

describe('the actions a process waits for from a person', () => {
  it('asks before sending an action with a confirmation, and can be backed out of', async () => {
    const send = jest.fn(async () => ({ id: 'i-1' }) as ProcessInstanceDetail);
    const onSent = jest.fn();
    render(<InstanceActions actions={[inventory]} send={send} onSent={onSent} />);
    fireEvent.click(screen.getByRole('button', { name: 'Inventory complete' }));
    expect(screen.getByRole('alertdialog')).toHaveTextContent('Close the AI system inventory?');
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(send).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Inventory complete' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes: inventory complete' }));
    await waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(send).toHaveBeenCalledWith('INVENTORY_COMPLETE');
  });

  it('shows an action its guard holds back as disabled, with the reason', () => {
    render(
      <InstanceActions actions={[{ ...inventory, available: false }]} send={jest.fn()} onSent={jest.fn()} />,
    );
    const button = screen.getByRole('button', { name: 'Inventory complete' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('Register at least one AI system first.');
  });

  it('shows the server’s refusal', async () => {
    const send = jest.fn(async () => {
      throw new Error('The process has moved on.');
    });
    render(
      <InstanceActions actions={[{ ...inventory, confirm: undefined }]} send={send} onSent={jest.fn()} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Inventory complete' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The process has moved on.');
  });

  it('renders nothing when the process waits for no action', () => {
    const { container } = render(<InstanceActions actions={[]} send={jest.fn()} onSent={jest.fn()} />);
    expect(container).toBeEmptyDOMElement();
  });
});
