import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { findFreePort } from './server-process';

export interface WorkerUnderTest {
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `tsx server.ts worker` as production runs it, in its own process group; resolves once /readyz answers 200. */
export async function startWorkerProcess(options: { databaseUrl: string; env?: Record<string, string>; label: string }): Promise<WorkerUnderTest> {
  const port = await findFreePort();
  const child = spawn('npx', ['tsx', 'server.ts', 'worker'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', DEMO: '0', ...options.env, DATABASE_URL: options.databaseUrl, HOST: '127.0.0.1', PORT: String(port) },
  });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream! }).on('line', (line) => process.stderr.write(`[${options.label}] ${line}\n`));
  }
  const stop = async () => {
    if (!groupAlive(child.pid!)) return;
    process.kill(-child.pid!, 'SIGTERM');
    for (let waited = 0; groupAlive(child.pid!) && waited < 15_000; waited += 50) await sleep(50);
    if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL');
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return { stop };
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  await stop();
  throw new Error(`worker ${options.label} did not become ready`);
}
