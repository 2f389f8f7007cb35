import { startTransition, useEffect, useState } from 'react';

/** A message for the toaster: what an action did ("Saved.", "Approved — Ana was emailed."). */
export interface ToastRequest {
  tone: 'success' | 'info' | 'error';
  message: string;
  /** A second, quieter line. */
  description?: string;
  /** The same id shows once: a flash seen twice (a re-render) is not shown twice. */
  id?: string;
  /** How long it stays, in ms (the toaster's default otherwise). */
  duration?: number;
  /** One button that acts on what the toast says ("Undo"). */
  action?: { label: string; onClick: () => void };
}

type ToastOptions = Pick<ToastRequest, 'description' | 'id' | 'duration' | 'action'>;

// Toasts asked for before the toaster (sonner) has loaded wait here; the toaster takes them when it mounts.
const waiting: ToastRequest[] = [];
let deliver: ((request: ToastRequest) => void) | null = null;
let asked = false;
const onFirstAsk = new Set<() => void>();

function ask(request: ToastRequest): void {
  if (deliver) {
    deliver(request);
    return;
  }
  waiting.push(request);
  if (asked) return;
  asked = true;
  for (const listener of onFirstAsk) listener();
}

/**
 * Shows a toast. Light on purpose: sonner loads only when a page first asks for one (app/root.tsx
 * mounts the toaster then), so pages without a toast to show never carry it.
 */
export const toast = {
  success: (message: string, options?: ToastOptions) => ask({ tone: 'success', message, ...options }),
  info: (message: string, options?: ToastOptions) => ask({ tone: 'info', message, ...options }),
  error: (message: string, options?: ToastOptions) => ask({ tone: 'error', message, ...options }),
};

/** For the toaster once loaded: the toasts that waited for it, then each new one. Returns the way to stop. */
export function receiveToasts(show: (request: ToastRequest) => void): () => void {
  deliver = show;
  for (const request of waiting.splice(0)) show(request);
  return () => {
    if (deliver === show) deliver = null;
  };
}

/** True from the first toast asked for on: the root then loads and keeps the toaster. */
export function useToastsAsked(): boolean {
  const [seen, setSeen] = useState(asked);
  useEffect(() => {
    if (seen) return;
    // A transition, like useHydrated: an urgent update could reach Suspense boundaries still hydrating.
    const mark = () => startTransition(() => setSeen(true));
    if (asked) mark();
    onFirstAsk.add(mark);
    return () => {
      onFirstAsk.delete(mark);
    };
  }, [seen]);
  return seen;
}
