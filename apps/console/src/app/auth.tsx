import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { onSessionChange, storedUser, type SessionUser } from '../api/session';

const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in staff member, kept in step with sign-in, refresh and sign-out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(storedUser);
  useEffect(() => onSessionChange(setUser), []);
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionUser | null {
  return useContext(SessionContext);
}

/** Whether the user holds one of these roles (an admin holds every staff role). */
export function hasRole(user: SessionUser | null, ...roles: string[]): boolean {
  return !!user && (user.roles.includes('admin') || roles.some((r) => user.roles.includes(r)));
}
