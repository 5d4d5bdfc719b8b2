import { getLocation, guardLeaving, matchPath, navigate, resolveRoute, subscribe } from './router';

describe('matchPath', () => {
  it('matches a static path exactly and ignores a trailing slash', () => {
    expect(matchPath('/inbox', '/inbox')).toEqual({});
    expect(matchPath('/inbox', '/inbox/')).toEqual({});
    expect(matchPath('/inbox', '/roadmap')).toBeNull();
    expect(matchPath('/inbox', '/inbox/extra')).toBeNull();
  });

  it('captures and decodes named parameters', () => {
    expect(matchPath('/admin/:section', '/admin/users')).toEqual({ section: 'users' });
    expect(matchPath('/tasks/:id/:tab', '/tasks/a%20b/form')).toEqual({ id: 'a b', tab: 'form' });
  });

  it('rejects a parameter that is not valid percent-encoding instead of throwing', () => {
    expect(matchPath('/tasks/:id', '/tasks/%E0%A4%A')).toBeNull();
  });

  it('lets a trailing /* pattern match its own path and everything below it', () => {
    expect(matchPath('/admin/*', '/admin')).toEqual({});
    expect(matchPath('/admin/*', '/admin/users/1')).toEqual({});
    expect(matchPath('/admin/*', '/administrator')).toBeNull();
  });
});

describe('resolveRoute', () => {
  const routes = [
    { path: '/admin/new', name: 'new' },
    { path: '/admin/:section', name: 'section' },
  ];

  it('returns the first route that matches, with its params', () => {
    expect(resolveRoute(routes, '/admin/new')).toEqual({ route: routes[0], params: {} });
    expect(resolveRoute(routes, '/admin/groups')).toEqual({
      route: routes[1],
      params: { section: 'groups' },
    });
  });

  it('returns null when no route matches', () => {
    expect(resolveRoute(routes, '/nowhere')).toBeNull();
  });
});

describe('navigate', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));

  it('pushes a history entry and notifies subscribers', () => {
    const listener = jest.fn();
    const unsubscribe = subscribe(listener);
    const lengthBefore = window.history.length;

    navigate('/roadmap?phase=2');

    expect(window.location.pathname).toBe('/roadmap');
    expect(getLocation()).toEqual({ pathname: '/roadmap', search: '?phase=2' });
    expect(window.history.length).toBe(lengthBefore + 1);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
  });

  it('replaces the current entry when asked to', () => {
    const lengthBefore = window.history.length;
    navigate('/inbox', { replace: true });
    expect(window.location.pathname).toBe('/inbox');
    expect(window.history.length).toBe(lengthBefore);
  });

  it('does nothing when already at the target URL', () => {
    navigate('/inbox');
    const listener = jest.fn();
    const unsubscribe = subscribe(listener);
    navigate('/inbox');
    expect(listener).not.toHaveBeenCalled();
    unsubscribe();
  });

  it('stops notifying after unsubscribe', () => {
    const listener = jest.fn();
    subscribe(listener)();
    navigate('/registers');
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps returning the same location object until the URL changes', () => {
    navigate('/inbox');
    const first = getLocation();
    expect(getLocation()).toBe(first);
    navigate('/roadmap');
    expect(getLocation()).not.toBe(first);
  });
});

describe('guardLeaving', () => {
  it('stays when a guard says no, goes when it says yes, and stops asking once removed', () => {
    window.history.replaceState(null, '', '/tasks/t1');
    let answer = false;
    const asked: string[] = [];
    const remove = guardLeaving(() => {
      asked.push(window.location.pathname);
      return answer;
    });
    navigate('/inbox');
    expect(window.location.pathname).toBe('/tasks/t1');
    answer = true;
    navigate('/inbox');
    expect(window.location.pathname).toBe('/inbox');
    remove();
    navigate('/roadmap');
    expect(window.location.pathname).toBe('/roadmap');
    expect(asked).toEqual(['/tasks/t1', '/tasks/t1']);
  });
});
