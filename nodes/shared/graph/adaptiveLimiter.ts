/**
 * Bounded, adaptive concurrency for Graph requests. Pure: no n8n, no HTTP, no timers.
 *
 * Meta refuses (code 4) what goes beyond its ceiling, and answers the refusal only after a
 * round trip, during which the refused request still occupies capacity: a client that stays
 * even one request above the ceiling gets nearly everything refused. So the limiter finds
 * the ceiling in one wave of refusals and then stays at it:
 * - slow start: doubles per round trip (×1.5 beyond 16) while Meta accepts everything;
 * - one wave of refusals = one cut: only requests on their first attempt, sent before the
 *   cut, take part in a wave; a retry's refusal never cuts again;
 * - the cut goes to what held Meta's capacity meanwhile (answers accepted during the refused
 *   request's round trip, plus refusals answered then, which were pending at Meta, up to what
 *   this limiter had in flight); the rest of the wave refines it, but never below the highest
 *   concurrency that completed a whole round trip without refusals;
 * - throttled requests give their slot back while they back off, and take one again
 *   (ahead of the queue) to retry;
 * - below the wave's first estimate of the ceiling the limit recovers ×1.25 per round trip;
 *   above it, it probes one slot at a time, rarely (a probe that fails costs a round trip of
 *   refusals), less often after every failed probe.
 */
export interface ThrottleReport {
	/** Meta answered "slow down" to this request: its slot is given back while it waits. */
	throttled(): void;
	/** The request is being sent again; resolves once it holds a slot again. */
	retrying(): Promise<void>;
}

export interface AdaptiveLimiterOptions {
	/** The user's "Max Concurrent Requests". */
	max: number;
	/** Where slow start begins (default 8: well under any Graph ceiling, one round trip saved over 4). */
	initial?: number;
}

/** Slow start doubles per round trip up to here, then grows ×1.5: overshooting a high ceiling costs fewer refusals. */
const FAST_RAMP_UNTIL = 16;
/** Below the ceiling, one slot per this many calm answers: ×1.25 per round trip, whatever the limit. */
const RECOVERY_SHARE = 4;
/** A probe above the ceiling after this many round trips without refusals (doubled after each failed probe). */
const PROBE_ROUNDS = 128;

export class AdaptiveLimiter {
	limit: number;
	/** Requests holding a slot (sent, or about to be); throttled ones waiting to retry hold none. */
	inFlight = 0;
	/** Highest number of requests this limiter had in flight at once. */
	peak = 0;
	/** Highest concurrency that completed a whole round trip without refusals; cuts stop here. */
	floor = 0;
	/** The last wave's first estimate of Meta's ceiling: recovery is fast below it. */
	ceiling = Number.POSITIVE_INFINITY;
	private readonly max: number;
	private readonly waiting: Array<() => void> = [];
	private slowStart = true;
	/** Bumped on every cut: a wave is the refusals of first attempts sent before it. */
	private generation = 0;
	/** Accepted answers so far (any attempt): their growth during a round trip is what Meta held meanwhile. */
	private answered = 0;
	/** Refusals answered so far (every attempt): pending, they held part of Meta's capacity. */
	private refused = 0;
	private growthCredit = 0;
	private calmSuccesses = 0;
	private probeRounds = PROBE_ROUNDS;
	/** Calm answers in a row while the pool was full at `streakLimit`, to prove a floor. */
	private streak = 0;
	private streakLimit: number;
	/** The first estimate of the current wave, and whether the wave hit while recovering towards the previous one. */
	private waveEstimate = 0;
	private recoveryFailed = false;

	constructor(options: AdaptiveLimiterOptions) {
		this.max = Math.max(1, Math.floor(options.max));
		this.limit = Math.min(this.max, Math.max(1, Math.floor(options.initial ?? 8)));
		this.streakLimit = this.limit;
	}

	/**
	 * Runs `work` when a slot is free. `work` reports a throttled answer and the moment it
	 * sends the retry, so the limiter knows which requests are really at Meta.
	 * `urgent` work goes ahead of the queue (a list's next page, which everything else waits on).
	 */
	async run<T>(work: (report: ThrottleReport) => Promise<T>, urgent = false): Promise<T> {
		await this.acquire(urgent);
		// The wave a refusal belongs to is decided by the first attempt only.
		const wave = this.generation;
		let holding = true;
		let throttledOnce = false;
		let answeredAtSend = this.answered;
		let refusedAtSend = this.refused;
		let inFlightAtSend = this.inFlight;
		const report: ThrottleReport = {
			throttled: () => {
				const firstAttempt = !throttledOnce;
				throttledOnce = true;
				// Refusals pending at Meta hold part of its capacity too (they are answered after a
				// round trip): those answered in this request's round trip count towards the ceiling,
				// up to what this limiter had at Meta when the request left.
				const accepted = this.answered - answeredAtSend;
				const occupied = Math.max(accepted, Math.min(inFlightAtSend, accepted + this.refused - refusedAtSend));
				this.refused++;
				this.throttled(wave, firstAttempt, occupied);
				// Cut first, then give the slot back, so the freed slot obeys the new limit.
				if (holding) this.release();
				holding = false;
			},
			retrying: async () => {
				if (holding) return;
				await this.acquire(true);
				holding = true;
				answeredAtSend = this.answered;
				refusedAtSend = this.refused;
				inFlightAtSend = this.inFlight;
			},
		};
		try {
			const result = await work(report);
			this.answered++;
			if (!throttledOnce) this.succeeded();
			return result;
		} finally {
			if (holding) this.release();
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
		// Only while the pool is full does an answer say anything about the limit.
		if (this.inFlight < this.limit) return;
		if (++this.streak >= this.streakLimit) {
			// `streakLimit` requests in a row accepted with the pool that full: a round trip at that concurrency.
			this.floor = Math.max(this.floor, this.streakLimit);
			this.restartStreak();
		}
		if (this.slowStart) {
			this.grow(this.limit < FAST_RAMP_UNTIL ? 1 : 0.5, this.max);
		} else if (this.limit < this.ceiling) {
			this.grow(1 / RECOVERY_SHARE, this.ceiling);
		} else if (++this.calmSuccesses >= this.limit * this.probeRounds) {
			this.calmSuccesses = 0;
			this.limit = Math.min(this.max, this.limit + 1);
		}
	}

	private grow(slots: number, upTo: number): void {
		this.growthCredit += slots;
		if (this.growthCredit < 1) return;
		this.growthCredit -= 1;
		this.limit = Math.min(this.max, upTo, this.limit + 1);
	}

	/** `acceptedMeanwhile`: what held Meta's capacity during this request's round trip (answers accepted, and refusals pending). */
	private throttled(wave: number, firstAttempt: boolean, acceptedMeanwhile: number): void {
		this.restartStreak();
		// A retry's refusal is the tail of a wave that already counted: it never cuts again.
		if (!firstAttempt) return;
		const estimate = Math.max(1, acceptedMeanwhile);
		if (wave === this.generation) {
			// A new wave. Its first refusal was sent while Meta was full of accepted requests:
			// those answered during its round trip are Meta's ceiling.
			this.generation++;
			const probing = !this.slowStart && this.limit > this.ceiling;
			if (probing) this.probeRounds *= 2;
			// A wave while recovering towards the last estimate: that estimate was too high, so
			// this wave's refined cut becomes the ceiling (no second climb into the same wall).
			this.recoveryFailed = !this.slowStart && !probing;
			this.slowStart = false;
			this.calmSuccesses = 0;
			this.growthCredit = 0;
			this.waveEstimate = estimate;
			this.ceiling = estimate;
			this.limit = Math.min(this.limit, estimate);
		} else if (wave === this.generation - 1) {
			// The rest of the same wave, sent before the cut. A lower count means the ceiling is
			// lower still, or (more often) that pending refusals held part of Meta's capacity:
			// refine, but not below the highest concurrency proven without refusals (unless
			// this wave's own first estimate is lower: then Meta's ceiling itself fell).
			this.limit = Math.min(this.limit, Math.max(estimate, Math.min(this.floor, this.waveEstimate)));
			if (this.recoveryFailed) this.ceiling = this.limit;
		}
		this.restartStreak();
	}

	private restartStreak(): void {
		this.streak = 0;
		this.streakLimit = this.limit;
	}
}
