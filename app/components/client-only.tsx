import { useEffect, useState, type ReactNode } from 'react';

/** Renders children only in the browser, after hydration (the calendar depends on the browser's clock and zone). */
export function ClientOnly({ children, fallback = null }: { children: () => ReactNode; fallback?: ReactNode }) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return <>{hydrated ? children() : fallback}</>;
}
