import { useEffect } from 'react';
import { toast as sonner } from 'sonner';
import { receiveToasts } from './ui/toast';
import { Toaster } from './ui/toaster';

/**
 * The root's toaster, loaded (React.lazy) when a page first asks for a toast (ui/toast.ts): shows the
 * toasts that waited for it and every later one.
 */
export default function ToasterHost() {
  useEffect(
    () =>
      receiveToasts(({ tone, message, description, id, duration, action }) =>
        sonner[tone](message, {
          description,
          ...(id === undefined ? {} : { id }),
          ...(duration === undefined ? {} : { duration }),
          ...(action === undefined ? {} : { action }),
        }),
      ),
    [],
  );
  return <Toaster />;
}
