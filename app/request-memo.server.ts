const memos = new WeakMap<Request, Map<string, Promise<unknown>>>();

/**
 * A lookup made once per page request and shared by the loaders of that request (the organization
 * layout, the staff layout and the page all ask who is signed in and what their membership is).
 * Remix hands every loader of a request the same Request object, so it keys the memo and nothing
 * outlives the request. Only for GET and HEAD: an action may change what it read (a name, a role, a
 * sign-out), so it always reads afresh.
 */
export function oncePerPageRequest<T>(request: Request, key: string, load: () => Promise<T>): Promise<T> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return load();
  let memo = memos.get(request);
  if (!memo) {
    memo = new Map();
    memos.set(request, memo);
  }
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    memo.set(key, value);
  }
  return value;
}
