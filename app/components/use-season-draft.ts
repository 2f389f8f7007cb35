import { HocuspocusProvider } from '@hocuspocus/provider';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { assignColours, PRESENCE_COLOURS } from './season-board/presence';
import { draftMaps, readDraft, touchesOnlyDescriptions, type DraftSnapshot } from '../../core/draft/model';

/** The board never shows a card's description as HTML (its editor shows the text itself). */
const BOARD_READ = { descriptions: false };

/** Where a co-editor is looking: the board's view and date (and the calendar's room), so others can follow them there. */
export interface Viewing {
  view: string;
  date: string;
  room?: string;
}

export interface Presence {
  clientId: number;
  userId: string;
  name: string;
  color: string;
  selected: string | null;
  dragging: string | null;
  viewing: Viewing | null;
}

/** What another browser says it is viewing, if it reads as such. */
function viewingOf(value: unknown): Viewing | null {
  if (!value || typeof value !== 'object') return null;
  const { view, date, room } = value as Record<string, unknown>;
  if (typeof view !== 'string' || typeof date !== 'string') return null;
  return { view, date, ...(typeof room === 'string' ? { room } : {}) };
}

/** Marks this browser's own edits, so undo only undoes them. */
export const LOCAL_ORIGIN = { local: true };

/**
 * The live draft: a Y.Doc kept in IndexedDB (edits survive a reload while offline) and synced
 * through the collab server. Everything is created inside the effect, in the browser only.
 */
export function useSeasonDraft(
  documentName: string,
  user: { id: string; name: string },
  collabUrl: string | null = null,
) {
  const [doc] = useState(() => new Y.Doc());
  const [provider, setProvider] = useState<HocuspocusProvider>();
  const [snapshot, setSnapshot] = useState<DraftSnapshot>(() => readDraft(doc, BOARD_READ));
  const [online, setOnline] = useState(false);
  const [presence, setPresence] = useState<Presence[]>([]);
  // Until the others are known, the colour this user would have alone.
  const [color, setColor] = useState(() => assignColours([user.id]).get(user.id) ?? PRESENCE_COLOURS[0]);
  const undoManager = useMemo(() => {
    const maps = draftMaps(doc);
    return new Y.UndoManager([maps.workshops, maps.sessions, maps.blocks], { trackedOrigins: new Set([LOCAL_ORIGIN]) });
  }, [doc]);

  // The colour is settled from the others' states inside; a change of it must not reconnect the socket.
  // biome-ignore lint/correctness/useExhaustiveDependencies: color is read once, as the starting value
  useEffect(() => {
    const stored = new IndexeddbPersistence(documentName, doc);
    // COLLAB_PUBLIC_URL when the collab process runs apart; otherwise /collab beside the page.
    const url = collabUrl ?? `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`;
    // The session cookie goes with the socket; the token is only there because the protocol wants one.
    const live = new HocuspocusProvider({ url, name: documentName, document: doc, token: 'session-cookie' });
    // Presence is announced again on every (re)connection: awareness does not outlive a disconnect.
    // The description editor's caret reads the same `user` field (name and colour).
    let myColour = color;
    const announce = () =>
      live.awareness?.setLocalStateField('user', { id: user.id, name: user.name, color: myColour });
    live.on('status', ({ status }: { status: string }) => {
      setOnline(status === 'connected');
      if (status === 'connected') announce();
    });
    announce();
    // Awareness also carries the description editors' carets, which move with every keystroke: only
    // a change of who is here or what they select re-renders the board.
    let shownPresence = '';
    const readPresence = () => {
      const states = [...(live.awareness?.getStates().entries() ?? [])];
      const people = states.filter(([, state]) => typeof state.user?.name === 'string');
      // Colours are handed out over everyone present, the same way on every screen.
      const colours = assignColours(people.map(([clientId, state]) => String(state.user.id ?? clientId)));
      const next: Presence[] = people.map(([clientId, state]) => {
        const userId = String(state.user.id ?? clientId);
        return {
          clientId,
          userId,
          name: String(state.user.name),
          color: colours.get(userId) ?? PRESENCE_COLOURS[0],
          selected: typeof state.selected === 'string' ? state.selected : null,
          dragging: typeof state.dragging === 'string' ? state.dragging : null,
          viewing: viewingOf(state.viewing),
        };
      });
      const mine = colours.get(user.id);
      if (mine && mine !== myColour) {
        myColour = mine;
        setColor(mine);
        announce();
      }
      const signature = JSON.stringify(next);
      if (signature === shownPresence) return;
      shownPresence = signature;
      setPresence(next);
    };
    live.awareness?.on('change', readPresence);
    // Typing in a description changes nothing the calendar shows: refresh the snapshot (and re-render
    // the calendar) at most every half second for those, at once for everything else.
    let descriptionRefresh: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(descriptionRefresh);
      descriptionRefresh = undefined;
      setSnapshot(readDraft(doc, BOARD_READ));
    };
    const onTransaction = (transaction: Y.Transaction) => {
      if (transaction.changed.size === 0) return;
      if (!touchesOnlyDescriptions(transaction)) refresh();
      else descriptionRefresh ??= setTimeout(refresh, 500);
    };
    doc.on('afterTransaction', onTransaction);
    // When the browser knows it is offline, stop trying: edits stay in the document (and IndexedDB)
    // and are sent when the connection is back.
    const goOffline = () => live.disconnect();
    const goOnline = () => void live.connect();
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);
    setProvider(live);
    return () => {
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      doc.off('afterTransaction', onTransaction);
      clearTimeout(descriptionRefresh);
      live.destroy();
      void stored.destroy();
    };
  }, [doc, documentName, collabUrl, user.id, user.name]);

  const edit = (change: (maps: ReturnType<typeof draftMaps>) => void) =>
    doc.transact(() => change(draftMaps(doc)), LOCAL_ORIGIN);
  // Stable, so the board can share what it selects, drags and looks at from its effects.
  const select = useCallback(
    (id: string | null) => provider?.awareness?.setLocalStateField('selected', id),
    [provider],
  );
  const drag = useCallback((id: string | null) => provider?.awareness?.setLocalStateField('dragging', id), [provider]);
  const look = useCallback(
    (viewing: Viewing) => provider?.awareness?.setLocalStateField('viewing', viewing),
    [provider],
  );
  const lastPublish = draftMaps(doc).publish.get('last') as Record<string, unknown> | undefined;
  // provider and color let the description editors share this connection and show the same colour as presence.
  return {
    doc,
    provider,
    color,
    snapshot,
    online,
    presence,
    edit,
    select,
    drag,
    look,
    undoManager,
    lastPublish,
    myClientId: doc.clientID,
  };
}
