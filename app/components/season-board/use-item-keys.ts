import { useEffect } from 'react';

const NUDGE_MINUTES = 15;

/** True while the user types somewhere: the board's keys are then the field's. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** An open dialog (a Radix dialog, a confirmation) has the keyboard: nothing behind it moves. */
const isDialogOpen = () => document.querySelector('[role=dialog], [role=alertdialog]') !== null;

/**
 * The selected item answers the keyboard from anywhere on the board: arrows move it by 15 minutes,
 * Delete (or Backspace) removes it, Esc lets go of it. Keys typed into a field stay the field's,
 * except Esc; an Esc that closed a dialog (prevented by it) is the dialog's.
 */
export function useItemKeys(
  selected: string | null,
  actions: { nudge(minutes: number): void; remove(): void; close(): void },
) {
  useEffect(() => {
    if (!selected) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'Escape') {
        actions.close();
        return;
      }
      if (isTyping(event.target) || isDialogOpen()) return;
      const step = { ArrowLeft: -1, ArrowUp: -1, ArrowRight: 1, ArrowDown: 1 }[event.key];
      if (step) {
        event.preventDefault();
        actions.nudge(step * NUDGE_MINUTES * (event.shiftKey ? 4 : 1));
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        actions.remove();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, actions]);
}
