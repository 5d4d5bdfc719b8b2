import { fireEvent, render, screen } from '@testing-library/react';
import { act } from 'react';
import { Link } from './Link';
import { navigate } from './router';
import { useLocation } from './useRoute';

function CurrentPath() {
  return <output aria-label="path">{useLocation().pathname}</output>;
}

describe('Link', () => {
  beforeEach(() => window.history.replaceState(null, '', '/inbox'));

  it('navigates in-app on a plain click and re-renders location readers', () => {
    render(
      <>
        <Link to="/roadmap">Roadmap</Link>
        <CurrentPath />
      </>,
    );
    fireEvent.click(screen.getByRole('link', { name: 'Roadmap' }));
    expect(window.location.pathname).toBe('/roadmap');
    expect(screen.getByLabelText('path')).toHaveTextContent('/roadmap');
  });

  it('leaves modified clicks (open in new tab) to the browser', () => {
    render(<Link to="/roadmap">Roadmap</Link>);
    fireEvent.click(screen.getByRole('link', { name: 'Roadmap' }), { ctrlKey: true });
    expect(window.location.pathname).toBe('/inbox');
  });

  it('marks itself as the current page, by prefix when asked', () => {
    render(
      <>
        <Link to="/admin" matchPrefix>
          Admin
        </Link>
        <Link to="/admin">Admin exact</Link>
      </>,
    );
    act(() => navigate('/admin/users'));
    expect(screen.getByRole('link', { name: 'Admin' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Admin exact' })).not.toHaveAttribute('aria-current');
  });
});
