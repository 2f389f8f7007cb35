/**
 * Preloaded into the collab process under test (`node --import ./bench/lib/fanout-probe.ts`): times
 * every edit's fan-out inside the server (collab-server/fanout-timing.ts) and, on the IPC channel,
 * answers `{ type: 'fanout-start' }` by starting afresh and `{ type: 'fanout-read' }` with what the
 * server spent since: fan-out times, CPU time and event-loop delay. Without an IPC channel it does nothing.
 */
import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';
import { onFanout } from '../../collab-server/fanout-timing';
import { histogramSummary } from './histogram';

if (process.send) {
  let fanoutMicros: RecordableHistogram = createHistogram();
  let stopTiming: (() => void) | undefined;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let cpuAtStart = process.cpuUsage();
  let startedAt = performance.now();
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'fanout-start') {
      stopTiming?.();
      fanoutMicros = createHistogram();
      stopTiming = onFanout((milliseconds) => fanoutMicros.record(Math.max(1, Math.round(milliseconds * 1000))));
      loopDelay.disable();
      loopDelay.reset();
      loopDelay.enable();
      cpuAtStart = process.cpuUsage();
      startedAt = performance.now();
      process.send!({ type: 'fanout-start' });
    } else if (message?.type === 'fanout-read') {
      const cpu = process.cpuUsage(cpuAtStart);
      process.send!({
        type: 'fanout-read',
        fanoutMs: histogramSummary(fanoutMicros, 1e3),
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - startedAt,
        eventLoopDelayMs: histogramSummary(loopDelay, 1e6),
      });
    }
  });
  process.channel?.unref();
}
