import { HocuspocusProvider } from '@hocuspocus/provider';
import { useEffect, useMemo, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { draftMaps, readDraft, touchesOnlyDescriptions, type DraftSnapshot } from '../../core/draft/model';

/** The board never shows a card's description as HTML (its editor shows the text itself). */
const BOARD_READ = { descriptions: false };

export interface Presence {
  clientId: number;
  name: string;
  color: string;
  selected?: string | null;
}

const COLORS = ['#0b6e6e', '#a4262c', '#6b4fbb', '#b36b00', '#1f6fb2', '#2e7d32'];
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
  const color = useMemo(
    () => COLORS[[...user.id].reduce((sum, c) => sum + c.charCodeAt(0), 0) % COLORS.length],
    [user.id],
  );
  const undoManager = useMemo(() => {
    const maps = draftMaps(doc);
    return new Y.UndoManager([maps.workshops, maps.sessions, maps.blocks], { trackedOrigins: new Set([LOCAL_ORIGIN]) });
  }, [doc]);

  useEffect(() => {
    const stored = new IndexeddbPersistence(documentName, doc);
    // COLLAB_PUBLIC_URL when the collab process runs apart; otherwise /collab beside the page.
    const url = collabUrl ?? `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`;
    // The session cookie goes with the socket; the token is only there because the protocol wants one.
    const live = new HocuspocusProvider({ url, name: documentName, document: doc, token: 'session-cookie' });
    // Presence is announced again on every (re)connection: awareness does not outlive a disconnect.
    const announce = () => live.awareness?.setLocalStateField('user', { name: user.name, color });
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
      const next: Presence[] = states.flatMap(([clientId, state]) =>
        state.user
          ? [{ clientId, name: state.user.name, color: state.user.color, selected: state.selected ?? null }]
          : [],
      );
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
  }, [doc, documentName, collabUrl, user.name, color]);

  const edit = (change: (maps: ReturnType<typeof draftMaps>) => void) =>
    doc.transact(() => change(draftMaps(doc)), LOCAL_ORIGIN);
  const select = (id: string | null) => provider?.awareness?.setLocalStateField('selected', id);
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
    undoManager,
    lastPublish,
    myClientId: doc.clientID,
  };
}
