import { Worker } from 'node:worker_threads';

/**
 * The worker's whole program, inline so it runs the same from sources (tests), from `npm start`'s
 * compiled tree and from dist/. It parses as body-parser's strict JSON parser does: UTF-8 without
 * its BOM, an object or an array at the top.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const decoder = new TextDecoder('utf-8');
parentPort.on('message', ({ id, bytes }) => {
  try {
    const text = decoder.decode(bytes);
    const first = /^[\\x20\\x09\\x0a\\x0d]*(.)/.exec(text);
    if (!first || (first[1] !== '{' && first[1] !== '[')) throw new SyntaxError('the body must be a JSON object or array');
    parentPort.postMessage({ id, value: JSON.parse(text) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
  }
});
`;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * One thread that parses large JSON bodies. Parsing 50,000 short strings costs the main thread
 * tens of milliseconds (V8 interns each one); receiving the parsed value costs a few.
 */
export class JsonParseThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** The parsed body; rejects with a SyntaxError when it is not a JSON object or array. */
  parse(body: Buffer): Promise<unknown> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    // A copy of its own, so its memory can move to the thread instead of being copied again.
    const bytes = new Uint8Array(body);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, bytes }, [bytes.buffer]);
    });
  }

  private start(): Worker {
    const worker = new Worker(SOURCE, { eval: true });
    worker.unref(); // an idle parser never keeps the process alive
    worker.on('message', ({ id, value, error }: { id: number; value?: unknown; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error === undefined) waiting?.resolve(value);
      else waiting?.reject(new SyntaxError(error));
    });
    // A thread that died fails what it held; the next body starts a new one.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the JSON parse thread exited with ${code}`)));
    this.worker = worker;
    return worker;
  }
}
