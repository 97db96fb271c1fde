import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedDelivery = { headers: IncomingHttpHeaders; body: string; json: { id: string; event: string; occurredAt: string; data: Record<string, unknown>; text: string } };

/** How the receiver answers one delivery: a status code, or 'hang' (never answering). */
export type Answer = number | 'hang';

export type WebhookReceiver = {
  url: string;
  received: ReceivedDelivery[];
  /** The answers to give, in turn (push to script them); once spent, 200. */
  answers: Answer[];
  /** Resolves once `count` deliveries have come in (in all), or fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
};

/** A real HTTP receiver on loopback that records each delivery and answers as the test scripts it. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const hanging: ServerResponse[] = [];
  let waiters: (() => void)[] = [];
  const answers: Answer[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, body, json: JSON.parse(body) });
      for (const wake of waiters) wake();
      const answer = answers.shift() ?? 200;
      if (answer === 'hang') hanging.push(response);
      else response.writeHead(answer, { 'Content-Type': 'text/plain' }).end(answer < 300 ? 'ok' : `refused with ${answer}`);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    received,
    answers,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} deliveries, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
        waiters = [];
      }
      return received.slice(0, count);
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
