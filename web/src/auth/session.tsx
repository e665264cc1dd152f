import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, ApiProblem, call, onUnauthorized, type Schemas } from '../api/client';
import { ErrorState, Loading } from '../components/StatusViews';

/*
 * Who is signed in: GET /auth/me, with the policy actions the role and scope may take (navigation and
 * buttons offer only those; the server decides anyway). Signed-out visitors and ended sessions go to
 * /sign-in?next=<where they were>, and come back there after signing in.
 */

export type Session = Schemas['Session'];

export const SESSION_KEY = ['session'] as const;
export const sessionQuery = { queryKey: SESSION_KEY, queryFn: () => call(api.GET('/api/v1/auth/me')), staleTime: 60_000, retry: false } as const;

interface SessionApi {
  session: Session;
  /** may the caller take this action of src/server/policy.ts */
  can(action: string): boolean;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside RequireSession');
  return s;
}

/** Only a path of this site may be returned to (no //host or scheme: an open redirect otherwise). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export const signInPath = (where: string, expired = false) => `/sign-in?next=${encodeURIComponent(where)}${expired ? '&expired=1' : ''}`;

export function RequireSession({ children }: { children: ReactNode }) {
  const q = useQuery(sessionQuery);
  const location = useLocation();
  const client = useQueryClient();
  const navigate = useNavigate();
  if (q.isPending) return <Loading />;
  if (q.isError) {
    if (q.error instanceof ApiProblem && q.error.status === 401) return <Navigate to={signInPath(location.pathname + location.search)} replace />;
    return (
      <main id="main" className="standalone">
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </main>
    );
  }
  const session = q.data;
  const actions = new Set(session.actions);
  const value: SessionApi = {
    session,
    can: (a) => actions.has(a),
    async signOut() {
      // the session ends on the server; whatever the answer, nothing of it stays in this page
      await call(api.POST('/api/v1/auth/logout')).catch(() => undefined);
      client.clear();
      await navigate('/sign-in', { replace: true });
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** A 401 on any request: the session has ended. Forget its data and sign in again, keeping the place. */
export function SessionExpiryWatcher() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(
    () =>
      onUnauthorized(() => {
        if (location.pathname === '/sign-in') return;
        client.clear();
        void navigate(signInPath(location.pathname + location.search, true), { replace: true });
      }),
    [client, navigate, location],
  );
  return null;
}
