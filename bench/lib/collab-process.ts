import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import type { HistogramSummary } from './histogram';
import { findFreePort } from './server-process';

export interface ServerMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** Peak resident set since start (VmHWM in /proc/<pid>/status), where /proc exists. */
  peakRss?: number;
}

/** What the collab process spent between `fanoutStart()` and `fanoutRead()` (bench/lib/fanout-probe.ts). */
export interface ServerFanout {
  /** From an edit coming off its socket to its broadcast handed to every socket. */
  fanoutMs: HistogramSummary;
  /** CPU time (user + system) of the collab process, and the wall time it was spent in. */
  cpuMs: number;
  wallMs: number;
  eventLoopDelayMs: HistogramSummary;
}

export interface CollabUnderTest {
  port: number;
  pid: number;
  memory(): Promise<ServerMemory>;
  fanoutStart(): Promise<void>;
  fanoutRead(): Promise<ServerFanout>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function peakRssOf(pid: number): number | undefined {
  try {
    const kib = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? Number(kib) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The collab process as `npm run start:collab` runs it (`server.ts collab`), but started with node
 * itself rather than npx, so its pid is the server's own: its memory is read over IPC (heap) and
 * from /proc (peak RSS), and what it spends on fan-out over IPC (fanout-probe.ts). The port is a
 * free one found by listening on port 0.
 */
export async function startCollabProcess(options: {
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<CollabUnderTest> {
  const port = await findFreePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './bench/lib/memory-probe.ts',
      '--import',
      './bench/lib/fanout-probe.ts',
      'server.ts',
      'collab',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DEMO: '0',
        // Run alone, collab wants the secret a web process would use to reach it (ADR 013); none does here.
        COLLAB_SERVICE_TOKEN: randomBytes(24).toString('hex'),
        ...options.env,
        DATABASE_URL: options.databaseUrl,
        HOST: '127.0.0.1',
        PORT: String(port),
      },
    },
  );
  for (const stream of [child.stdout, child.stderr])
    readline.createInterface({ input: stream! }).on('line', (line) => process.stderr.write(`[collab] ${line}\n`));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!alive()) return;
    child.kill('SIGTERM');
    for (let waited = 0; alive() && waited < 15_000; waited += 50) await sleep(50);
    if (alive()) child.kill('SIGKILL');
  };
  process.once('exit', () => alive() && child.kill('SIGTERM'));
  /** Sends `{ type }` over IPC and resolves with the first answer of the same type. */
  const ask = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const answer = (message: { type?: string }) => {
        if (message?.type !== type) return;
        clearTimeout(timer);
        child.off('message', answer);
        resolve(message as T);
      };
      const timer = setTimeout(() => {
        child.off('message', answer);
        reject(new Error(`the collab process did not answer the ${type} probe`));
      }, 5_000);
      child.on('message', answer);
      child.send({ type });
    });
  const memory = async (): Promise<ServerMemory> => {
    const message = await ask<ServerMemory>('memory');
    return {
      rss: message.rss,
      heapUsed: message.heapUsed,
      heapTotal: message.heapTotal,
      external: message.external,
      peakRss: peakRssOf(child.pid!),
    };
  };
  const fanoutStart = async () => void (await ask('fanout-start'));
  const fanoutRead = async (): Promise<ServerFanout> => {
    const { fanoutMs, cpuMs, wallMs, eventLoopDelayMs } = await ask<ServerFanout>('fanout-read');
    return { fanoutMs, cpuMs, wallMs, eventLoopDelayMs };
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && alive()) {
    const status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return { port, pid: child.pid!, memory, fanoutStart, fanoutRead, stop };
    await sleep(100);
  }
  await stop();
  throw new Error('the collab process did not become ready');
}
