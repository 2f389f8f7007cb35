import { useEffect } from 'react';
import type { Flash } from '../flash';
import { Toaster, toast } from './ui/toaster';

/**
 * The root's toasts: the Toaster, and the message an action left for this page (root loader → here)
 * shown once. The root loads this module after hydration (React.lazy).
 */
export default function Toasts({ flash }: { flash: Flash | null }) {
  useEffect(() => {
    if (!flash) return;
    const show = flash.kind === 'error' ? toast.error : flash.kind === 'info' ? toast.info : toast.success;
    show(flash.message, { id: flash.id, description: flash.description });
  }, [flash]);
  return <Toaster />;
}
