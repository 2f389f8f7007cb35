import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

const REMIX_SERVER_BUILD = path.resolve('build/server/index.js');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface ServerUnderTest {
  baseUrl: string;
  /** SIGTERM, then wait for the exit (SIGKILL if the graceful shutdown hangs). */
  stop(): Promise<void>;
  /**
   * CPU time (user + system) spent so far by every process of the server's group, in ms; read from
   * /proc, so undefined where there is none. Unlike a rate, the CPU a request costs hardly moves
   * with what else the machine is doing.
   */
  cpuMs(): number | undefined;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of every process whose process group is `groupId`, from /proc/<pid>/stat. */
export function processGroupCpuMs(groupId: number): number | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return undefined;
  }
  let ticks = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // it ended meanwhile
    }
    // The command name may hold spaces: the fields that follow start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== groupId) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Runs a command to completion with its output on our stderr, so stdout keeps only the bench's figures. */
function runToCompletion(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', process.stderr, process.stderr] });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** The web process serves Remix pages from the production build; build it once if it is missing. */
export async function ensureRemixBuild(): Promise<void> {
  if (fs.existsSync(REMIX_SERVER_BUILD)) return;
  console.error(`No ${path.relative(process.cwd(), REMIX_SERVER_BUILD)}: running npm run build first`);
  await runToCompletion('npm', ['run', 'build']);
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Server output goes to our stderr, prefixed, so warnings show up without mixing into the RESULT line. */
function forwardOutput(child: ChildProcess, label: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => process.stderr.write(`[${label}] ${line}\n`));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilReady(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exitCode: number | null | undefined;
  void exited(child).then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`The server exited with ${exitCode} before it was ready`);
    const status = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(100);
  }
  throw new Error(`The server did not answer 200 on /readyz within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Signals the whole process group: npx → sh → tsx → node, so no grandchild is left behind. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false; // the group is empty
  }
}

/** npx may exit before the node process under it has finished draining: wait for the whole group. */
async function groupExited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (signalGroup(child, 0)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** Servers not yet stopped: a safety net signals them when the bench exits early (Ctrl-C during start-up). */
const runningServers = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of runningServers) signalGroup(child, 'SIGTERM');
});

/** Extra node flags for the server only, e.g. BENCH_SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=.profiles". */
function serverNodeFlags(): string[] {
  return (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
}

/**
 * The real server (`npx tsx server.ts web`, `worker`, or `all` with the three processes in it), as
 * production runs it, in its own process group; its output goes to stderr prefixed with `label`.
 * Resolves once /readyz answers 200.
 */
export async function startServer(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  processes?: 'web' | 'worker' | 'all';
  label?: string;
  /** Another server script to run instead of server.ts (a bench's baseline); it must answer GET /readyz. */
  script?: string;
}): Promise<ServerUnderTest> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const command = options.script ? [options.script] : ['server.ts', options.processes ?? 'web'];
  const child = spawn('npx', ['tsx', ...serverNodeFlags(), ...command], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_POOL_SIZE: '20',
      // The web process alone must name its collab process; these benchmarks never open a draft.
      COLLAB_URL: 'ws://127.0.0.1:9/collab',
      COLLAB_SERVICE_TOKEN: 'bench-service-token-0123456789abcdef0123',
      ...options.env,
      DATABASE_URL: options.databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
  });
  runningServers.add(child);
  forwardOutput(child, options.label ?? 'server');
  const stop = async () => {
    if (signalGroup(child, 'SIGTERM') && !(await groupExited(child, STOP_TIMEOUT_MS))) {
      signalGroup(child, 'SIGKILL');
      await groupExited(child, STOP_TIMEOUT_MS);
    }
    runningServers.delete(child);
  };
  try {
    await waitUntilReady(baseUrl, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop, cpuMs: () => processGroupCpuMs(child.pid!) };
}
