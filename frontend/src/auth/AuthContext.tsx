import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { sessionFromTokens, sessionStore, type Session } from '../api/client';
import { auth } from '../api/endpoints';
import type { User } from '../api/types';

interface AuthValue {
  user: User | null;
  signIn: (email: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
  isAdmin: boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => sessionStore.get());
  const queryClient = useQueryClient();

  useEffect(() => sessionStore.subscribe(setSession), []);
  // Signed out (here, in another tab, or because the server ended the session): forget every cached answer.
  useEffect(() => {
    if (!session) queryClient.clear();
  }, [session, queryClient]);

  const signIn = useCallback(async (email: string, password: string) => {
    const tokens = await auth.login(email, password);
    sessionStore.set(sessionFromTokens(tokens));
    return tokens.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await auth.logout();
    } catch {
      /* already ended on the server: signing out locally is what matters */
    }
    sessionStore.set(null);
  }, []);

  const user = session?.user ?? null;
  return (
    <AuthContext.Provider value={{ user, signIn, signOut, isAdmin: user?.role === 'admin' }}>
      {children}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
