/**
 * `--simulator=remote`: the simulator as another machine, as Meta is. The benchmark's default
 * runs it in the measured process behind nock, as the tests do; there it shares the node's
 * thread, and nock/@mswjs parse every request and answer twice (measured: about a third of the
 * process's CPU). Here it is a child process on loopback, so the measured process spends CPU
 * only on what it would in production (n8n's engine, the node, its HTTP client, real sockets),
 * and requests reach the simulator over separate connections, in whatever order they arrive,
 * as at Meta.
 *
 * Routing: every TLS connection to graph.threads.net becomes a plain TCP connection to the
 * child's port. The HTTP client above the socket is unchanged (n8n builds a new https.Agent
 * per request; it calls tls.connect through the module, which is what is replaced here).
 */
import { fork } from 'child_process';
import * as http from 'http';
import * as net from 'net';
import tls = require('tls');

import { createDemoWorld } from '../test/simulator/demoWorld';
import type { FrontEndSettings } from '../test/simulator/frontEnd';
import { answerOverHttp } from '../test/simulator/httpDoor';
import type { SimulatorOptions } from '../test/simulator/threadsSimulator';
import { GRAPH_HOST, ThreadsSimulator } from '../test/simulator/threadsSimulator';

export type RemoteSimulatorOptions = SimulatorOptions & FrontEndSettings & { postCount: number };

export interface SimulatorCounts {
	requests: number;
	refused: number;
	peakInFlight: number;
}

/** A running simulator as the benchmark sees it, wherever it runs. */
export interface BenchSimulator {
	token: string;
	counts(): Promise<SimulatorCounts>;
	stop(): Promise<void>;
}

type ToChild = { kind: 'counts' };
type FromChild = { kind: 'ready'; port: number; token: string } | ({ kind: 'counts' } & SimulatorCounts);

/** Starts the simulator in a child process and routes graph.threads.net there. */
export async function startRemoteSimulator(options: RemoteSimulatorOptions): Promise<BenchSimulator> {
	const child = fork(__filename, ['--serve', JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
	const next = () => new Promise<FromChild>((resolve, reject) => {
		child.once('message', (message) => resolve(message as FromChild));
		child.once('exit', (code) => reject(new Error(`simulator process exited (${code})`)));
	});
	const ready = await next();
	if (ready.kind !== 'ready') throw new Error('simulator process: unexpected first message');
	const restore = routeToLoopback(new URL(GRAPH_HOST).hostname, ready.port);
	return {
		token: ready.token,
		counts: async () => {
			const answer = next();
			child.send({ kind: 'counts' } satisfies ToChild);
			const counts = await answer;
			if (counts.kind !== 'counts') throw new Error('simulator process: unexpected answer');
			return { requests: counts.requests, refused: counts.refused, peakInFlight: counts.peakInFlight };
		},
		stop: async () => {
			restore();
			child.removeAllListeners('exit');
			await new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				child.kill();
			});
		},
	};
}

/** Connections to `hostname` over TLS go to 127.0.0.1:`port` in plain TCP; returns the undo. */
function routeToLoopback(hostname: string, port: number): () => void {
	const original = tls.connect;
	const connect = (...args: unknown[]) => {
		const options = (typeof args[0] === 'object' ? args[0] : args[2]) as tls.ConnectionOptions | undefined;
		const target = options?.servername || options?.host;
		if (target !== hostname) return (original as (...a: unknown[]) => tls.TLSSocket)(...args);
		const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
		return net.connect({ host: '127.0.0.1', port }, callback);
	};
	(tls as { connect: unknown }).connect = connect;
	return () => ((tls as { connect: unknown }).connect = original);
}

/** The child's side: the same simulator the tests use, behind a loopback HTTP server. */
async function serve(options: RemoteSimulatorOptions): Promise<void> {
	const sim = new ThreadsSimulator(options);
	const { token } = createDemoWorld(sim, { postCount: options.postCount });
	const server = http.createServer((req, res) => void answerOverHttp(req, res, async (request) => await sim.handle(request)));
	server.keepAliveTimeout = 60_000;
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const send = (message: FromChild) => process.send?.(message);
	process.on('message', (message: ToChild) => {
		if (message.kind === 'counts') send({ kind: 'counts', requests: sim.requests.length, refused: sim.refusedCount, peakInFlight: sim.peakInFlight });
	});
	process.on('disconnect', () => process.exit(0));
	send({ kind: 'ready', port: (server.address() as net.AddressInfo).port, token });
}

if (process.argv[2] === '--serve') {
	serve(JSON.parse(process.argv[3]) as RemoteSimulatorOptions).catch((error) => {
		process.stderr.write(`${(error as Error).stack}\n`);
		process.exit(1);
	});
}
