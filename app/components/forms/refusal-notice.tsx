import type { SubmissionResult } from '@conform-to/react';
import { Notice } from '../notice';

/**
 * The refusal of an action that has no form of its own on the page (a role change, a revoke, a
 * removal from a list row): its form-level and field errors, in one notice screen readers announce.
 */
export function RefusalNotice({ result }: { result?: SubmissionResult }) {
  const messages = Object.values(result?.error ?? {}).flatMap((errors) => errors ?? []);
  if (messages.length === 0) return null;
  return (
    <Notice tone="danger" role="alert">
      {messages.join(' ')}
    </Notice>
  );
}
