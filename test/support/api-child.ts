import { spawn, type ChildProcess } from 'node:child_process';
import { findFreePort } from '#database/free-port.js';
import { compileIfStale, START_ENTRY, START_NODE_FLAGS } from '#scripts/compile-for-start.js';

/** The real API as `npm start` runs it, in a child process the test can kill. */
export interface ApiChild {
  url: string;
  /** SIGKILL: no shutdown hook runs, connections just drop. */
  kill(): Promise<void>;
  stderr(): string;
}

export async function startApiChild(env: NodeJS.ProcessEnv): Promise<ApiChild> {
  await compileIfStale(); // what `npm start`'s prestart does
  const port = await findFreePort();
  const child: ChildProcess = spawn(process.execPath, [...START_NODE_FLAGS, START_ENTRY], {
    env: { ...process.env, PORT: String(port), REVISION_RETENTION_ENABLED: 'false', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + chunk).slice(-5000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode} while starting:\n${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer /health within 90 s:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return {
    url,
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    stderr: () => stderr,
  };
}
