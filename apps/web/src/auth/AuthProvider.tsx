import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api as defaultApi, type ApiClient } from '../api/api-client';
import type { SessionUser } from '../api/api-types';

type AuthStatus = 'loading' | 'anonymous' | 'authenticated';

export interface AuthContextValue {
  status: AuthStatus;
  user: SessionUser | null;
  /** Why the user is looking at the login page, when it was not their choice (session expired). */
  notice: string | null;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** After a successful password change: a temporary password no longer holds the user back. */
  passwordChanged(): void;
  api: ApiClient;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/** Holds the signed-in user: probes the session on start, and drops it when any call gets a 401. */
export function AuthProvider({ children, api = defaultApi }: { children: ReactNode; api?: ApiClient }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [notice, setNotice] = useState<string | null>(null);
  const userRef = useRef<SessionUser | null>(null);
  userRef.current = user;

  useEffect(() => {
    api.setUnauthorizedHandler(() => {
      if (userRef.current) setNotice('Your session has ended. Please sign in again.');
      setUser(null);
      setStatus('anonymous');
    });
    return () => api.setUnauthorizedHandler(undefined);
  }, [api]);

  useEffect(() => {
    let cancelled = false;
    api.get<{ user: SessionUser }>('/auth/me', { allowUnauthorized: true }).then(
      ({ user: me }) => {
        if (cancelled) return;
        setUser(me);
        setStatus('authenticated');
      },
      () => {
        if (!cancelled) setStatus('anonymous');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const login = useCallback(
    async (email: string, password: string) => {
      const { user: me } = await api.post<{ user: SessionUser }>(
        '/auth/login',
        { email, password },
        { allowUnauthorized: true },
      );
      setNotice(null);
      setUser(me);
      setStatus('authenticated');
    },
    [api],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', undefined, { allowUnauthorized: true });
    } finally {
      setNotice(null);
      setUser(null);
      setStatus('anonymous');
    }
  }, [api]);

  const passwordChanged = useCallback(() => {
    setUser((current) => (current ? { ...current, passwordChangeRequired: false } : current));
  }, []);

  const value = useMemo(
    () => ({ status, user, notice, login, logout, passwordChanged, api }),
    [status, user, notice, login, logout, passwordChanged, api],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The auth context; throws outside <AuthProvider>. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind the login gate. */
export function useCurrentUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser needs a signed-in user');
  return user;
}

/** Whether the signed-in user holds `role`. */
export function useHasRole(role: string): boolean {
  const { user } = useAuth();
  return !!user?.roles.includes(role);
}
