/**
 * What both Graph simulators (Threads, Instagram) put in front of their model: queued faults,
 * an in-flight limit that refuses like Meta's throttling (answered after the latency, holding
 * its connection meanwhile), latency, and the transport faults (a request that hangs, a
 * connection that is reset).
 */

// Latency must use real time even if a test installs fake timers later. With no latency the
// reply still comes on a later turn of the event loop, so requests started together are in
// flight together (setImmediate: no 1 ms timer floor).
const realSetTimeout = globalThis.setTimeout;
const realSetImmediate = globalThis.setImmediate;
const sleep = (ms: number) => new Promise<void>((resolve) => (ms > 0 ? realSetTimeout(resolve, ms) : realSetImmediate(resolve)));

export interface QueueableFault {
	/** How many matching requests fail. Default 1. */
	times?: number;
	/** Only requests whose path (including the query string) matches. */
	path?: RegExp;
}

/** Faults a test queued, consumed in arrival order by the requests they match. */
export class FaultQueue<Fault extends QueueableFault> {
	private queued: Array<Fault & { remaining: number }> = [];

	push(fault: Fault): void {
		this.queued.push({ ...fault, remaining: fault.times ?? 1 });
	}

	/**
	 * The first queued fault matching `rawPath` (and `applies`, e.g. paging faults only on list
	 * requests), counted as used once. Faults that do not apply stay queued for later requests.
	 */
	take(rawPath: string, applies: (fault: Fault) => boolean = () => true): Fault | undefined {
		const fault = this.queued.find((f) => {
			if (!applies(f)) return false;
			if (!f.path) return true;
			f.path.lastIndex = 0;
			return f.path.test(rawPath);
		});
		if (fault && --fault.remaining <= 0) this.queued.splice(this.queued.indexOf(fault), 1);
		return fault;
	}

	clear(): void {
		this.queued = [];
	}
}

/**
 * An answer that is not an HTTP response: `hang` (accepted, never answered until released) or
 * `reset` (the connection is reset after the latency). `ThrottlingFrontEnd.admit` turns it into
 * a promise that rejects with a SimulatedSocketError (for a hang: only when released); the nock
 * installation then closes the client's connection without an answer (nockInstallation.ts).
 */
export class TransportFault {
	constructor(readonly kind: 'hang' | 'reset') {}
}

/** The error a client sees when its connection is reset: Node's ECONNRESET shape. */
export class SimulatedSocketError extends Error {
	readonly code = 'ECONNRESET';
	readonly errno = -104;
	readonly syscall = 'read';
}

/**
 * How a refusal by the in-flight limit is answered.
 * - `afterLatency` (default): like Meta's code 4, after the same latency as any other answer,
 *   and counted in flight until then. A pending refusal therefore occupies capacity and can
 *   cause further refusals: the worst reading Meta's pages allow, and the one a client must
 *   survive (a client that stays one request above the limit gets every request refused).
 * - `instant`: refused on arrival, never counted in flight (the model before issue 14; kept
 *   only to compare with older benchmark figures).
 */
export type RefusalModel = 'afterLatency' | 'instant';

export interface FrontEndSettings {
	/** Refuse requests beyond this many in flight (Meta's throttling); unset: no limit. */
	maxInFlight?: number;
	latencyMs?: number;
	/** Default 'afterLatency'. */
	refusals?: RefusalModel;
}

/** The in-flight limit and the latency, with the counters tests and the benchmark read. */
export class ThrottlingFrontEnd {
	refusedCount = 0;
	/** Accepted requests not yet answered (hangs included). */
	private inFlight = 0;
	/** Refusals not yet answered: they hold a connection, and capacity, like accepted ones. */
	private refusing = 0;
	private peak = 0;
	/** Release functions of the requests hanging now. */
	private readonly hanging = new Set<() => void>();

	constructor(private readonly settings: FrontEndSettings) {}

	/** Highest number of accepted requests in flight at once since the last reset (pending refusals not counted). */
	get peakInFlight(): number {
		return this.peak;
	}

	/** Requests hanging now (`failNext({ kind: 'hang' })`), each holding an in-flight slot. */
	get hangingCount(): number {
		return this.hanging.size;
	}

	resetCounters(): void {
		this.peak = this.inFlight;
		this.refusedCount = 0;
	}

	/**
	 * Ends every hanging request: its promise rejects with a SimulatedSocketError ("socket hang
	 * up", as when a server closes the connection without answering) and its in-flight slot is
	 * freed at once. Returns how many were released.
	 */
	releaseHangs(): number {
		const releases = [...this.hanging];
		for (const release of releases) release();
		return releases.length;
	}

	/**
	 * Beyond the limit (counting pending refusals): `refuse()` on arrival, delivered after the
	 * latency while it holds an in-flight place (`instant`: at once, holding nothing). Otherwise
	 * `answer()` on arrival (so faults are consumed in arrival order), delivered after the
	 * latency. A TransportFault answer rejects instead: `reset` after the latency, `hang` only
	 * when released.
	 */
	async admit<Response>(refuse: () => Response, answer: () => Response | TransportFault): Promise<Response> {
		const max = this.settings.maxInFlight;
		if (max !== undefined && this.inFlight + this.refusing >= max) {
			this.refusedCount++;
			const refusal = refuse();
			if (this.settings.refusals === 'instant') return refusal;
			this.refusing++;
			try {
				await sleep(this.settings.latencyMs ?? 0);
			} finally {
				this.refusing--;
			}
			return refusal;
		}
		this.inFlight++;
		this.peak = Math.max(this.peak, this.inFlight);
		let holding = true;
		const freeSlot = () => {
			if (holding) this.inFlight--;
			holding = false;
		};
		try {
			const outcome = answer();
			if (outcome instanceof TransportFault && outcome.kind === 'hang') await this.hang(freeSlot);
			await sleep(this.settings.latencyMs ?? 0);
			if (outcome instanceof TransportFault) throw new SimulatedSocketError('read ECONNRESET');
			return outcome;
		} finally {
			freeSlot();
		}
	}

	/** Never settles until releaseHangs(); then frees the slot synchronously and rejects. */
	private hang(freeSlot: () => void): Promise<never> {
		return new Promise<never>((_, reject) => {
			const release = () => {
				this.hanging.delete(release);
				freeSlot();
				reject(new SimulatedSocketError('socket hang up'));
			};
			this.hanging.add(release);
		});
	}
}

/** Query and body fields that carry a secret: never written to a simulator's request log. */
const SECRET_PARAMS = ['access_token', 'client_secret', 'code', 'input_token', 'fb_exchange_token'];

/** What both simulators log of one request (written on arrival; hangs and resets get status 0). */
export interface RequestLogEntry<Kind extends string> {
	method: string;
	/** Path without the query string, as sent. */
	path: string;
	/** Query string plus form-body fields, without the secret ones. */
	query: Record<string, string>;
	authVia: 'header' | 'query' | 'none';
	/** HTTP status; 0 for a hang or a reset (no HTTP response). */
	status: number;
	/** now() when the request arrived, ms epoch. */
	startedAt: number;
	errorCode?: number | string;
	/** The failNext kind this request took, if any. */
	fault?: Kind;
}

export function requestLogEntry<Kind extends string>(
	req: { method: string; path: string; params: Record<string, string>; authVia: RequestLogEntry<Kind>['authVia']; fault?: Kind },
	res: { status: number; body: unknown } | TransportFault,
	startedAt: number,
): RequestLogEntry<Kind> {
	const query = Object.fromEntries(Object.entries(req.params).filter(([name]) => !SECRET_PARAMS.includes(name)));
	const status = res instanceof TransportFault ? 0 : res.status;
	const errorCode = res instanceof TransportFault ? undefined : (res.body as { error?: { code?: number | string } } | undefined)?.error?.code;
	return {
		method: req.method,
		path: req.path,
		query,
		authVia: req.authVia,
		status,
		startedAt,
		...(errorCode !== undefined ? { errorCode } : {}),
		...(req.fault ? { fault: req.fault } : {}),
	};
}
