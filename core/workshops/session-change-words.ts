/**
 * `session.rescheduled`: it moved. `session.cancelled`: staff called it off. `registration.cancelled`:
 * it was called off and with it this person's registration (a session removed from a season).
 */
export type SessionChangeKind = 'session.rescheduled' | 'session.cancelled' | 'registration.cancelled';

export interface SessionChangeFacts {
  title: string;
  reason?: string | null;
}

export interface SessionChangeWords {
  subject: string;
  heading: string;
  paragraphs: string[];
  details: Array<[string, string]>;
}

/**
 * What someone registered for a session is told when it moves or is cancelled: the email the worker
 * sends, and the preview staff see before publishing a season, read from this one place.
 */
export function sessionChangeWords(
  kind: SessionChangeKind,
  session: SessionChangeFacts,
  recipientName: string,
  /** When and where, as the caller's time formatter writes them. */
  when: Array<[string, string]>,
): SessionChangeWords {
  const details = [...when];
  if (kind !== 'session.rescheduled') {
    if (session.reason) details.push(['Reason', session.reason]);
    const andYours = kind === 'registration.cancelled' ? ', and your registration is cancelled' : '';
    return {
      subject: `Cancelled: ${session.title}`,
      heading: 'This session is cancelled',
      paragraphs: [`Hello ${recipientName},`, `We are sorry: ${session.title} will not take place${andYours}.`],
      details,
    };
  }
  return {
    subject: `New time: ${session.title}`,
    heading: 'This session has moved',
    paragraphs: [`Hello ${recipientName},`, `${session.title} has a new time or place.`],
    details,
  };
}
