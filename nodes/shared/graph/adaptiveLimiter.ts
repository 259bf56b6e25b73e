/**
 * Bounded, adaptive concurrency for Graph requests. Pure: no n8n, no HTTP, no timers.
 *
 * Starts small and doubles per round trip while Meta accepts everything (slow start), never
 * above the user's maximum. A throttled answer means we found Meta's ceiling: the limit drops
 * to just below what was in flight, and is probed upward again only rarely (one more slot
 * after many calm requests, less often after every failed probe), so throttled retries stay a
 * small fraction of all requests.
 */
export interface ThrottleReport {
	/** Meta answered "slow down" to this request. */
	throttled(): void;
	/** The throttled request is being sent again. */
	retrying(): void;
}

export interface AdaptiveLimiterOptions {
	/** The user's "Max Concurrent Requests". */
	max: number;
	/** Where slow start begins (default 8: well under any Graph ceiling, one round trip saved over 4). */
	initial?: number;
}

const CALM_REQUESTS_PER_SLOT = 16;
/** Slow start doubles per round trip up to here, then grows ×1.5: overshooting a high ceiling costs fewer refusals. */
const FAST_RAMP_UNTIL = 16;

export class AdaptiveLimiter {
	limit: number;
	inFlight = 0;
	/** Highest number of requests this limiter had in flight at once. */
	peak = 0;
	private readonly max: number;
	private readonly waiting: Array<() => void> = [];
	private slowStart = true;
	private calmSuccesses = 0;
	private probeInterval = CALM_REQUESTS_PER_SLOT;
	/** Bumped on every cut, so throttles of requests started before it do not cut again. */
	private generation = 0;
	/** Requests that were throttled and are waiting to retry: they hold a slot but are not at Meta. */
	private waitingToRetry = 0;
	private slowStartCredit = 0;
	/** The lowest the refusals of one wave may take the limit (see `throttled`). */
	private cutFloor = 1;

	constructor(options: AdaptiveLimiterOptions) {
		this.max = Math.max(1, Math.floor(options.max));
		this.limit = Math.min(this.max, Math.max(1, Math.floor(options.initial ?? 8)));
	}

	/**
	 * Runs `work` when a slot is free. `work` reports a throttled answer and the moment it
	 * sends the retry, so the limiter knows which of its slots are really at Meta.
	 * `urgent` work goes ahead of the queue (a list's next page, which everything else waits on).
	 */
	async run<T>(work: (report: ThrottleReport) => Promise<T>, urgent = false): Promise<T> {
		await this.acquire(urgent);
		let startedIn = this.generation;
		let waiting = false;
		let everThrottled = false;
		const report: ThrottleReport = {
			throttled: () => {
				if (!waiting) this.waitingToRetry++;
				waiting = true;
				everThrottled = true;
				this.throttled(startedIn);
			},
			retrying: () => {
				if (waiting) this.waitingToRetry--;
				waiting = false;
				startedIn = this.generation;
			},
		};
		try {
			const result = await work(report);
			if (!everThrottled) this.succeeded();
			return result;
		} finally {
			if (waiting) this.waitingToRetry--;
			this.release();
		}
	}

	get idle(): boolean {
		return this.inFlight === 0 && this.waiting.length === 0;
	}

	private async acquire(urgent: boolean): Promise<void> {
		if (this.inFlight < this.limit) {
			this.take();
			return;
		}
		await new Promise<void>((resolve) => (urgent ? this.waiting.unshift(resolve) : this.waiting.push(resolve)));
	}

	private take(): void {
		this.inFlight++;
		this.peak = Math.max(this.peak, this.inFlight);
	}

	private release(): void {
		this.inFlight--;
		while (this.inFlight < this.limit && this.waiting.length) {
			this.take();
			this.waiting.shift()?.();
		}
	}

	private succeeded(): void {
		// Grow only while the pool is actually full (the limit is what holds us back), and
		// by half a slot per success: ×1.5 per round trip, so an overshoot past Meta's
		// ceiling is found before many requests have gone out beyond it.
		if (this.inFlight < this.limit) return;
		if (this.slowStart) {
			this.slowStartCredit += this.limit < FAST_RAMP_UNTIL ? 1 : 0.5;
			if (this.slowStartCredit >= 1) {
				this.slowStartCredit -= 1;
				this.limit = Math.min(this.max, this.limit + 1);
			}
			return;
		}
		if (++this.calmSuccesses >= this.limit * this.probeInterval) {
			this.calmSuccesses = 0;
			this.limit = Math.min(this.max, this.limit + 1);
		}
	}

	private throttled(startedIn: number): void {
		// Meta refused this one while the others of `inFlight` that are not waiting to retry were
		// at Meta: that number is its ceiling.
		const atMeta = Math.max(1, this.inFlight - this.waitingToRetry);
		if (startedIn === this.generation - 1) {
			// Another refusal from the wave that caused the last cut: each one shows the ceiling is
			// lower still. Refine, but never below half the first cut, in case some of the wave's
			// accepted requests already finished.
			this.limit = Math.max(this.cutFloor, Math.min(this.limit, atMeta));
			return;
		}
		if (startedIn !== this.generation) return;
		this.generation++;
		if (!this.slowStart) this.probeInterval *= 2;
		this.slowStart = false;
		this.calmSuccesses = 0;
		this.limit = Math.min(this.limit, atMeta);
		this.cutFloor = Math.max(1, Math.ceil(this.limit / 2));
	}
}
