import { useCallback, useEffect, useState } from 'react';

const storageKey = (documentName: string) => `season-board-room:${documentName}`;

function storedRoom(documentName: string): string | null {
  try {
    return window.localStorage.getItem(storageKey(documentName));
  } catch {
    return null; // storage refused (private mode, a policy): the first room then
  }
}

/**
 * The one room the day and week calendar shows. Selecting an item shows its room (and keeps
 * showing it if the item moves to another room); otherwise the room stays where it was put: by the
 * chooser (remembered in this browser, per season), by following a co-editor, or the first room.
 */
export function useCalendarRoom(
  documentName: string,
  roomIds: readonly string[],
  selected: { id: string; roomId: string } | null,
) {
  const [roomId, setRoomId] = useState<string | null>(() => storedRoom(documentName));
  const selectedId = selected?.id;
  const selectedRoomId = selected?.roomId;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a newly selected item shows its room, even the same room id again
  useEffect(() => {
    if (selectedRoomId) setRoomId(selectedRoomId);
  }, [selectedId, selectedRoomId]);

  /** The chooser's choice: shown, and remembered for the next visit. */
  const choose = useCallback(
    (id: string) => {
      setRoomId(id);
      try {
        window.localStorage.setItem(storageKey(documentName), id);
      } catch {
        // Not remembered; still shown.
      }
    },
    [documentName],
  );
  const shown = roomId && roomIds.includes(roomId) ? roomId : (roomIds[0] ?? null);
  return { roomId: shown, choose, show: setRoomId };
}
