import { useEffect } from 'react';
import type { Flash } from '../flash';
import { toast } from './ui/toaster';

/** Shows the message an action left for this page (root loader → here) as a toast, once. */
export function FlashToast({ flash }: { flash: Flash | null }) {
  useEffect(() => {
    if (!flash) return;
    const show = flash.kind === 'error' ? toast.error : flash.kind === 'info' ? toast.info : toast.success;
    show(flash.message, { id: flash.id, description: flash.description });
  }, [flash]);
  return null;
}
