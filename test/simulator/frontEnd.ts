/**
 * What both Graph simulators (Threads, Instagram) put in front of their model: queued faults,
 * an in-flight limit that refuses on arrival like a throttling front end, and latency.
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

	/** The first queued fault matching `rawPath`, counted as used once. */
	take(rawPath: string): Fault | undefined {
		const fault = this.queued.find((f) => {
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

export interface FrontEndSettings {
	/** Refuse requests beyond this many in flight (Meta's throttling); unset: no limit. */
	maxInFlight?: number;
	latencyMs?: number;
}

/** The in-flight limit and the latency, with the counters tests and the benchmark read. */
export class ThrottlingFrontEnd {
	refusedCount = 0;
	private inFlight = 0;
	private peak = 0;

	constructor(private readonly settings: FrontEndSettings) {}

	/** Highest number of accepted requests in flight at once since the last reset. */
	get peakInFlight(): number {
		return this.peak;
	}

	resetCounters(): void {
		this.peak = this.inFlight;
		this.refusedCount = 0;
	}

	/**
	 * Beyond the limit: `refuse()` at once, without latency. Otherwise `answer()` on arrival
	 * (so faults are consumed in arrival order), delivered after the latency.
	 */
	async admit<Response>(refuse: () => Response, answer: () => Response): Promise<Response> {
		const max = this.settings.maxInFlight;
		if (max !== undefined && this.inFlight >= max) {
			this.refusedCount++;
			return refuse();
		}
		this.inFlight++;
		this.peak = Math.max(this.peak, this.inFlight);
		try {
			const response = answer();
			await sleep(this.settings.latencyMs ?? 0);
			return response;
		} finally {
			this.inFlight--;
		}
	}
}
