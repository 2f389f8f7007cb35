/**
 * Preloaded into a server under test (`node --import ./bench/lib/memory-probe.ts`): answers a
 * `{ type: 'memory' }` message on the IPC channel with process.memoryUsage(), so a bench can read the
 * server's heap, which /proc does not show. Without an IPC channel it does nothing.
 */
if (process.send) {
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'memory') process.send!({ type: 'memory', ...process.memoryUsage() });
  });
  // The channel must not keep the server alive, nor hold up its shutdown.
  process.channel?.unref();
}
