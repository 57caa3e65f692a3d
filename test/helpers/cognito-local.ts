/**
 * Starts cognito-local (npm) as a child process on a free 127.0.0.1 port, with
 * its data in a fresh temp dir, and stops it again. Tokens it issues carry
 * `iss` = `http://127.0.0.1:<port>/<poolId>`; its JWKS is served at
 * `/<poolId>/.well-known/jwks.json` (one RS256 key, kid "CognitoLocal").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CognitoLocal {
  /** `http://127.0.0.1:<port>`: the SDK endpoint and the issuer domain. */
  readonly endpoint: string;
  readonly port: number;
  issuerFor(userPoolId: string): string;
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  /** @default 20000 */
  readonly startTimeoutMs?: number;
  /** Tries with a new port when the chosen one was taken in between. @default 3 */
  readonly attempts?: number;
}

const HOST = '127.0.0.1';

export async function startCognitoLocal(options: CognitoLocalOptions = {}): Promise<CognitoLocal> {
  const attempts = options.attempts ?? 3;
  let lastError: unknown;
  for (let i = 0; i < attempts; i++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'cognito-local-'));
    const child = spawn(process.execPath, [require.resolve('cognito-local/lib/bin/start.js')], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), HOST, DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    try {
      await waitUntilHealthy(port, child, options.startTimeoutMs ?? 20000);
      const endpoint = `http://${HOST}:${port}`;
      return {
        endpoint,
        port,
        issuerFor: (userPoolId) => `${endpoint}/${userPoolId}`,
        stop: () => stop(child, dir),
      };
    } catch (err) {
      await stop(child, dir);
      lastError = new Error(`cognito-local did not start: ${(err as Error).message}\n${output.join('').slice(-2000)}`);
    }
  }
  throw lastError;
}

/** Asks the OS for a free port on the loopback interface, then releases it for the child. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilHealthy(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
    if (await healthy(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not healthy within ${timeoutMs} ms`);
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: HOST, port, path: '/health', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

async function stop(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}
