/** Waiting on things a child process makes: a free port to give it, a page it serves. */
import { createServer } from 'node:net';

/** A TCP port nothing listens on now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `probe` until it returns a value; a limit against hangs, not a speed assertion. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await probe().catch((error) => void (last = error));
    if (value !== undefined) return value;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what} (last error: ${String((last as Error)?.cause ?? last)})`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
