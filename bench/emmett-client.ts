import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PeerReply, PeerRequest } from './emmett-peer.js';

/** The Emmett peer in its own process (see emmett-peer.ts), driven one request at a time. */
export class EmmettPeer {
  private constructor(private readonly child: ChildProcess) {}

  static start(): EmmettPeer {
    const child = fork(fileURLToPath(new URL('./emmett-peer.ts', import.meta.url)), [], {
      execArgv: ['--import', '@swc-node/register/esm-register'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new EmmettPeer(child);
  }

  request(message: PeerRequest): Promise<Extract<PeerReply, { ok: true }>> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`Emmett peer exited (${code}) before answering ${message.cmd}`));
      this.child.once('exit', onExit);
      this.child.once('message', (reply: PeerReply) => {
        this.child.off('exit', onExit);
        if (reply.ok) resolve(reply);
        else reject(new Error(`Emmett peer: ${reply.error}`));
      });
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.request({ cmd: 'stop' }).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill(), 3000);
    await exited;
    clearTimeout(timer);
  }
}
