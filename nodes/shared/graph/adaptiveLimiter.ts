/**
 * Bounded, adaptive concurrency for Graph requests. Pure: no n8n, no HTTP; time comes from an
 * injected clock (none: no pacing).
 *
 * Meta refuses (code 4) what goes beyond its ceiling, and answers the refusal only after a
 * round trip, during which the refused request still occupies capacity: a client that stays
 * even one request above the ceiling gets nearly everything refused. So the limiter finds
 * the ceiling in one wave of refusals and then stays at it:
 * - slow start: doubles per round trip (×1.5 beyond 16) while Meta accepts everything;
 * - a refused request was sent while N others of ours were at Meta, so Meta's ceiling is at
 *   most N (pending refusals count: they hold its capacity too): the cut goes there. N is
 *   counted when the slot is taken, so it does not depend on the order answers come back in;
 * - one wave of refusals = one cut: only requests on their first attempt, sent before the
 *   cut, take part in a wave; the lowest N of the wave wins, but not below the highest
 *   concurrency that completed a whole round trip without refusals (latency can reorder
 *   arrivals at Meta), unless the wave's first N is lower: then Meta's ceiling itself fell;
 * - a retry's refusal never cuts again; throttled requests give their slot back while they
 *   back off, and take one again (ahead of the queue) to retry;
 * - a later wave at a concurrency already proven, whose refused requests were sent with a full
 *   pool (their bound says only "less than the limit"), means Meta's ceiling fell: the limit is
 *   cut by a quarter per wave, then recovers ×1.25 per round trip towards the proven level;
 *   when the recovery meets the fallen ceiling, it stops just below it;
 * - above the proven level it probes one slot at a time, rarely (a probe that fails costs a
 *   round trip of refusals): less often after every failed probe, sooner after one that held
 *   and soon after a fall (a ceiling that moves may rise again);
 * - past slow start, sends are spaced at least 0.8 × (shortest accepted round trip) / limit apart.
 *   Answers that arrive together are processed one after another, and their follow-up requests
 *   leave only once the whole batch is processed (a new connection opens on a later turn of the
 *   event loop): unpaced, the pool stays in lock step and loses a batch's processing time every
 *   round trip (measured at 50 slots and 200 ms: 245 ms per slot instead of 200). Spread over the
 *   round trip, each answer's follow-up leaves at once. The pace is a little faster than the pool
 *   turns over, so it spreads bursts and never slows a steady stream (the shortest round trip is
 *   never forgotten: a faster answer can only weaken the pacing, not slow a send).
 */
export interface ThrottleReport {
	/** Meta answered "slow down" to this request: its slot is given back while it waits. */
	throttled(): void;
	/** The request is being sent again; resolves once it holds a slot again. */
	retrying(): Promise<void>;
}

export interface LimiterClock {
	/** Milliseconds, monotonic. */
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface AdaptiveLimiterOptions {
	/** The user's "Max Concurrent Requests". */
	max: number;
	/** Where slow start begins (default 16: a first round trip above a low ceiling costs refusals, not time: the cut is exact). */
	initial?: number;
	/** For pacing sends (none: every free slot sends at once). */
	clock?: LimiterClock;
}

/** Slow start doubles per round trip up to here, then grows ×1.5: overshooting a high ceiling costs fewer refusals. */
const FAST_RAMP_UNTIL = 16;
/** Recovering, one slot per this many calm answers: ×1.25 per round trip, whatever the limit. */
const RECOVERY_SHARE = 4;
/** A probe above the proven concurrency after this many round trips without refusals (doubled after each failed probe). */
const PROBE_ROUNDS = 128;
const MIN_PROBE_ROUNDS = 4;
const PROBE_ROUNDS_AFTER_FALL = 8;
/** A wave at a proven concurrency (Meta's ceiling fell) whose bound tells nothing (a full pool): cut to this share. */
const FALL_CUT = 0.75;
/** Sends are spaced this share of (shortest round trip / limit): a little faster than the pool turns over. */
const PACE_SHARE = 0.8;

export class AdaptiveLimiter {
	limit: number;
	/** Requests holding a slot (sent, or about to be); throttled ones waiting to retry hold none. */
	inFlight = 0;
	/** Highest number of requests this limiter had in flight at once. */
	peak = 0;
	/** Highest concurrency that completed a whole round trip without refusals: cuts stop here, recovery goes back to it. */
	floor = 0;
	private readonly max: number;
	/** Queued work, woken with its slot taken and the number of others at Meta then. */
	private readonly waiting: Array<(othersAtTake: number) => void> = [];
	private slowStart = true;
	/** Bumped on every cut: a wave is the refusals of first attempts sent before it. */
	private generation = 0;
	private growthCredit = 0;
	private calmSuccesses = 0;
	private probeRounds = PROBE_ROUNDS;
	/** Calm answers in a row while the pool was full at `streakLimit`, to prove a floor. */
	private streak = 0;
	private streakLimit: number;
	/** The current wave's first bound on Meta's ceiling. */
	private waveBound = 0;
	/** The limit the last cut (or its refinement) left: a wave above it means the limit grew since. */
	private cutLevel = Number.POSITIVE_INFINITY;
	private readonly clock?: LimiterClock;
	/** The shortest round trip of an accepted request so far (pacing spreads sends over it). */
	private shortestRoundTrip = Number.POSITIVE_INFINITY;
	private nextSendAt = Number.NEGATIVE_INFINITY;
	/** Requests holding a slot but waiting for their paced moment: not at Meta yet. */
	private pacing = 0;

	constructor(options: AdaptiveLimiterOptions) {
		this.clock = options.clock;
		this.max = Math.max(1, Math.floor(options.max));
		this.limit = Math.min(this.max, Math.max(1, Math.floor(options.initial ?? 16)));
		this.streakLimit = this.limit;
	}

	/**
	 * Runs `work` when a slot is free. `work` reports a throttled answer and the moment it
	 * sends the retry, so the limiter knows which requests are really at Meta.
	 * `urgent` work goes ahead of the queue and is not paced (a list's next page, which everything else waits on).
	 */
	async run<T>(work: (report: ThrottleReport) => Promise<T>, urgent = false): Promise<T> {
		// What Meta had of ours when this request arrived: a refusal means Meta's ceiling is at
		// most that (pending refusals included: they hold its capacity too). Counted when the slot
		// is taken, not from the answers that come back meanwhile, whose order latency scrambles.
		let othersAtSend = await this.acquire(urgent, !urgent);
		const sentAt = this.clock?.now();
		// The wave a refusal belongs to is decided by the first attempt only.
		const wave = this.generation;
		let holding = true;
		let throttledOnce = false;
		const report: ThrottleReport = {
			throttled: () => {
				const firstAttempt = !throttledOnce;
				throttledOnce = true;
				this.throttled(wave, firstAttempt, othersAtSend);
				// Cut first, then give the slot back, so the freed slot obeys the new limit.
				if (holding) this.release();
				holding = false;
			},
			retrying: async () => {
				if (holding) return;
				othersAtSend = await this.acquire(true, true);
				holding = true;
			},
		};
		try {
			const result = await work(report);
			if (!throttledOnce) {
				if (sentAt !== undefined && this.clock) this.shortestRoundTrip = Math.min(this.shortestRoundTrip, this.clock.now() - sentAt);
				this.succeeded();
			}
			return result;
		} finally {
			if (holding) this.release();
		}
	}

	get idle(): boolean {
		return this.inFlight === 0 && this.waiting.length === 0;
	}

	/**
	 * Resolves with a slot held and, if `paced`, the paced moment come, with how many others of
	 * ours are at Meta then. Urgent first attempts (a list's next page, which everything else
	 * waits on) are not paced; retries are, or a wave's retries would go out together again.
	 */
	private async acquire(urgent: boolean, paced: boolean): Promise<number> {
		// Counted synchronously with the slot's taking: after an await, a whole burst would count itself.
		const othersAtTake =
			this.inFlight < this.limit ? this.take() : await new Promise<number>((resolve) => (urgent ? this.waiting.unshift(resolve) : this.waiting.push(resolve)));
		const delay = paced ? this.paceDelay() : 0;
		if (delay < 1) return othersAtTake;
		this.pacing++;
		try {
			await this.clock?.sleep(delay);
		} finally {
			this.pacing--;
		}
		return this.inFlight - 1 - this.pacing;
	}

	/** Takes a slot; returns how many others are at Meta (holding a slot and not waiting to be paced). */
	private take(): number {
		this.inFlight++;
		this.peak = Math.max(this.peak, this.inFlight);
		return this.inFlight - 1 - this.pacing;
	}

	private release(): void {
		this.inFlight--;
		while (this.inFlight < this.limit && this.waiting.length) {
			const wake = this.waiting.shift();
			wake?.(this.take());
		}
	}

	/** How long this send waits: sends go at least (shortest round trip / limit) × PACE_SHARE apart. */
	private paceDelay(): number {
		// Slow start below the maximum sends its rounds at once: spread, a round's refusals would come
		// back up to a round trip later, while the limit keeps growing past Meta's ceiling.
		if (!this.clock || this.shortestRoundTrip === Number.POSITIVE_INFINITY || (this.slowStart && this.limit < this.max)) return 0;
		const now = this.clock.now();
		const sendAt = Math.max(now, this.nextSendAt);
		this.nextSendAt = sendAt + (PACE_SHARE * this.shortestRoundTrip) / this.limit;
		return sendAt - now;
	}

	private succeeded(): void {
		// Only while the pool is full does an answer say anything about the limit.
		if (this.inFlight < this.limit) return;
		if (++this.streak >= this.streakLimit) {
			// `streakLimit` requests in a row accepted with the pool that full: a round trip at that concurrency.
			if (!this.slowStart && this.streakLimit > Math.max(this.floor, this.cutLevel)) {
				// A probe held for a whole round trip: the ceiling may have risen (another client
				// stopped), so the next probe comes sooner.
				this.probeRounds = Math.max(MIN_PROBE_ROUNDS, this.probeRounds / 2);
			}
			this.floor = Math.max(this.floor, this.streakLimit);
			this.restartStreak();
		}
		if (this.slowStart) {
			this.grow(this.limit < FAST_RAMP_UNTIL ? 1 : 0.5, this.max);
		} else if (this.limit < this.floor) {
			this.grow(1 / RECOVERY_SHARE, this.floor);
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

	/** `othersAtSend`: requests of ours at Meta when the refused one was sent, an upper bound on Meta's ceiling. */
	private throttled(wave: number, firstAttempt: boolean, othersAtSend: number): void {
		this.restartStreak();
		// A retry's refusal is the tail of a wave that already counted: it never cuts again.
		if (!firstAttempt) return;
		const bound = Math.max(1, othersAtSend);
		if (wave === this.generation) {
			this.generation++;
			this.waveBound = bound;
			this.limit = this.slowStart ? Math.min(this.limit, bound) : this.cutAfterSlowStart(bound);
			this.slowStart = false;
			this.calmSuccesses = 0;
			this.growthCredit = 0;
		} else if (wave === this.generation - 1) {
			// The rest of the same wave, sent before the cut: the lowest bound wins, not below the
			// proven concurrency unless the wave's first bound already was (the ceiling fell).
			this.limit = Math.min(this.limit, Math.max(bound, Math.min(this.floor, this.waveBound)));
		}
		this.cutLevel = this.limit;
		this.restartStreak();
	}

	/** The cut of a wave that is not slow start's, by what the limit did since the last cut. */
	private cutAfterSlowStart(bound: number): number {
		const grew = this.limit > this.cutLevel;
		if (grew && this.limit > this.floor) {
			// A probe above the proven concurrency failed: back, and probe less often.
			this.probeRounds *= 2;
			return Math.min(this.limit, bound);
		}
		if (grew) {
			// Recovering towards the proven concurrency, it met Meta's (fallen) ceiling: stop just below.
			this.floor = Math.min(this.limit - 1, bound);
			return this.floor;
		}
		if (this.limit <= this.floor && bound >= this.limit - 1) {
			// Refused at a concurrency proven before, with a full pool (whose bound only says "less
			// than the limit"): Meta's ceiling fell. Cut by a share, then recover towards the proof;
			// a ceiling that moves may rise again too, so probe soon.
			this.probeRounds = PROBE_ROUNDS_AFTER_FALL;
			return Math.max(1, Math.floor(this.limit * FALL_CUT));
		}
		// The last cut was not deep enough: the bound says how much more.
		return Math.min(this.limit, bound);
	}

	private restartStreak(): void {
		this.streak = 0;
		this.streakLimit = this.limit;
	}
}
