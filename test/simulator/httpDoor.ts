/**
 * The simulator behind a real HTTP server (the queue-mode e2e test's one Meta for several n8n
 * processes, the benchmark's `--simulator=remote`): the other door beside nockInstallation.ts.
 * A SimulatedSocketError (a reset, a released hang) closes the connection without an answer, as
 * Meta's edge would; any other error is a simulator bug, written to stderr, and closes it too.
 */
import type { IncomingMessage, ServerResponse } from 'http';

import { SimulatedSocketError } from './frontEnd';
import type { InterceptedRequest, InterceptedResponse } from './nockInstallation';

export async function answerOverHttp(req: IncomingMessage, res: ServerResponse, handle: (request: InterceptedRequest) => Promise<InterceptedResponse>): Promise<void> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const body = chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
	try {
		const answer = await handle({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body });
		res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...(answer.headers ?? {}) });
		res.end(answer.rawBody ?? JSON.stringify(answer.body));
	} catch (error) {
		if (!(error instanceof SimulatedSocketError)) process.stderr.write(`[simulator] ${(error as Error).stack}\n`);
		req.socket.destroy();
	}
}
