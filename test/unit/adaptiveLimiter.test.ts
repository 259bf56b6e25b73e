import { AdaptiveLimiter, type AdaptiveLimiterOptions, type ThrottleReport } from '../../nodes/shared/graph/adaptiveLimiter';

/** A request the test answers by hand: accept it, or refuse it and later send the retry. */
interface HeldRequest {
	report: ThrottleReport;
	finish: () => void;
}

function holdingLimiter(options: AdaptiveLimiterOptions) {
	const limiter = new AdaptiveLimiter(options);
	const held: HeldRequest[] = [];
	let started = 0;
	const start = (count: number) => {
		for (let i = 0; i < count; i++) {
			void limiter.run((report) => {
				started++;
				return new Promise<void>((finish) => held.push({ report, finish }));
			});
		}
	};
	return { limiter, held, start, started: () => started };
}

/** A clock the test moves by hand; records every pacing wait asked for. */
function manualClock() {
	let now = 0;
	const waits: number[] = [];
	const timers: Array<{ at: number; wake: () => void }> = [];
	return {
		clock: {
			now: () => now,
			sleep: async (ms: number) => {
				waits.push(ms);
				await new Promise<void>((wake) => timers.push({ at: now + ms, wake }));
			},
		},
		waits,
		advance: async (ms: number) => {
			now += ms;
			for (const timer of timers.filter((candidate) => candidate.at <= now)) {
				timers.splice(timers.indexOf(timer), 1);
				timer.wake();
			}
			await settle();
		},
	};
}

/** A limiter at its maximum whose first round (`max` requests, sent at once) was accepted after 100 ms: pacing is on. */
async function afterCalmRoundTrip(max: number) {
	const time = manualClock();
	const pool = holdingLimiter({ max, initial: max, clock: time.clock });
	pool.start(max);
	await settle();
	await time.advance(100);
	for (const request of pool.held.splice(0)) request.finish();
	await settle();
	return { ...time, ...pool };
}

const settle = async () => {
	for (let i = 0; i < 5; i++) await Promise.resolve();
};

/** Accepts every held request, `rounds` times over (each a round trip with the pool as full as the work allows). */
async function acceptRounds(held: HeldRequest[], rounds: number): Promise<void> {
	for (let round = 0; round < rounds; round++) {
		for (const request of held.splice(0)) request.finish();
		await settle();
	}
}

describe('AdaptiveLimiter', () => {
	it('starts at the initial limit and never has more than that in flight', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 20, initial: 4 });
		start(50);
		await settle();
		expect(held).toHaveLength(4);
		expect(limiter.inFlight).toBe(4);
	});

	it('slow start beyond 16 grows by half a slot per accepted request: ×1.5 per round trip', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 16 });
		start(1000);
		await settle();
		await acceptRounds(held, 1);
		expect(limiter.limit).toBe(24);
		await acceptRounds(held, 1);
		expect(limiter.limit).toBe(36);
	});

	it('slow start: each accepted request while the pool is full adds a slot, up to the maximum', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 6, initial: 2 });
		start(40);
		await settle();
		await acceptRounds(held, 10);
		expect(limiter.limit).toBe(6);
		expect(limiter.peak).toBe(6);
	});

	it('a refusal cuts the limit to the number of others that were at Meta when the refused request was sent, whatever order answers come back in', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 16 });
		start(16);
		await settle();
		// Request k was sent with k others in flight. Meta refuses the 11th (10 others) and
		// that refusal comes back first, before any accepted answer.
		held[10].report.throttled();
		expect(limiter.limit).toBe(10);
		for (const request of held.slice(0, 10)) request.finish();
		await settle();
		expect(limiter.limit).toBe(10);
	});

	it('one wave, one cut: the retry of a refused request is refused again without a second cut', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 16 });
		start(16);
		await settle();
		held[12].report.throttled();
		expect(limiter.limit).toBe(12);
		for (const [index, request] of held.entries()) if (index !== 12) request.finish();
		await settle();
		// The retry goes out after the cut (alone at Meta) and is refused again: no second cut.
		await held[12].report.retrying();
		held[12].report.throttled();
		expect(limiter.limit).toBe(12);
		// A request first sent after the cut and refused starts a new wave: it does cut.
		await held[12].report.retrying();
		start(1);
		await settle();
		held.at(-1)?.report.throttled();
		expect(limiter.limit).toBe(1);
	});

	it('a refusal from an older wave than the last one changes nothing', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 16 });
		start(16);
		await settle();
		held[12].report.throttled();
		expect(limiter.limit).toBe(12);
		// Four answers come back (15 were still in flight); one request is sent after the cut: the next wave.
		start(4);
		for (const request of held.slice(4, 8)) request.finish();
		await settle();
		const afterCut = held.slice(16);
		expect(afterCut).toHaveLength(1);
		afterCut.at(-1)?.report.throttled();
		expect(limiter.limit).toBe(11);
		// A request of the first wave (sent with 3 others) is refused only now: two waves old.
		held[3].report.throttled();
		expect(limiter.limit).toBe(11);
	});

	it('a throttled request gives its slot back while it waits, and retries ahead of the queue', async () => {
		const { limiter, held, start, started } = holdingLimiter({ max: 4, initial: 4 });
		start(10);
		await settle();
		expect(started()).toBe(4);
		for (const request of held.slice(0, 3)) request.finish();
		await settle();
		expect(started()).toBe(7);
		// Refused; it was sent with 3 others at Meta: the limit becomes 3, and its slot goes to
		// nobody until one frees: 3 in flight, none of them it.
		held[3].report.throttled();
		expect(limiter.limit).toBe(3);
		expect(limiter.inFlight).toBe(3);
		// Its retry waits for a slot and takes the first one freed, before the 3 queued requests.
		let retried = false;
		void held[3].report.retrying().then(() => (retried = true));
		await settle();
		expect(retried).toBe(false);
		held[4].finish();
		await settle();
		expect(retried).toBe(true);
		expect(started()).toBe(7);
		expect(limiter.inFlight).toBe(3);
	});

	it('the rest of a wave refines the cut, but never below the highest concurrency that completed without refusals', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 8 });
		start(1000);
		await settle();
		// One calm round trip with the pool full at 8 proves 8; slow start grows to 16.
		await acceptRounds(held, 1);
		expect(limiter.floor).toBe(8);
		expect(limiter.limit).toBe(16);
		// The last request sent (15 others at Meta) is refused first: cut to 15.
		const wave = held.splice(0);
		wave.at(-1)?.report.throttled();
		expect(limiter.limit).toBe(15);
		// The rest of the wave was sent with fewer others (7 to 15) as slow start refilled the
		// pool: their refusals refine the cut down to the proven 8 and no further.
		for (const request of wave.slice(0, -1)) request.report.throttled();
		expect(limiter.limit).toBe(8);
	});

	/** Slow start ended by a refusal at `level`, then `rounds` calm round trips with a full pool: `level` is proven. */
	async function provenAt(level: number, rounds = 3) {
		const setup = holdingLimiter({ max: 50, initial: level + 1 });
		setup.start(level + 1);
		await settle();
		setup.held[level].report.throttled();
		expect(setup.limiter.limit).toBe(level);
		setup.start(100_000);
		await acceptRounds(setup.held, rounds);
		expect(setup.limiter.floor).toBe(level);
		return setup;
	}

	/** One round trip at Meta with a ceiling of `ceiling`: the oldest `ceiling` requests are accepted, the rest refused. */
	async function roundAtCeiling(held: HeldRequest[], ceiling: number): Promise<void> {
		const round = held.splice(0);
		for (const request of round.slice(ceiling)) request.report.throttled();
		for (const request of round.slice(0, ceiling)) request.finish();
		await settle();
	}

	it('Meta’s ceiling falls below the proven concurrency (a full pool, whose bound says nothing): cut by a quarter per wave, then recover ×1.25 per calm round trip, not one slot at a time', async () => {
		const { limiter, held } = await provenAt(12);
		// Every request of the full pool was sent with 11 others: refused, the limit goes to 9.
		for (const request of held.splice(0)) request.report.throttled();
		expect(limiter.limit).toBe(9);
		await settle();
		const limits: number[] = [];
		for (let round = 0; round < 3; round++) {
			await acceptRounds(held, 1);
			limits.push(limiter.limit);
		}
		// 9 → 11 (+2.25) → 12 (+2.75, stopped at the proven 12).
		expect(limits).toEqual([11, 12, 12]);
	});

	it('a fall that lasts (20 → 8): a few waves, not one per slot; the recovery stops just below the new ceiling', async () => {
		const { limiter, held } = await provenAt(20);
		const cuts: number[] = [];
		for (let round = 0; round < 40; round++) {
			const before = limiter.limit;
			await roundAtCeiling(held, 8);
			if (limiter.limit < before) cuts.push(limiter.limit);
		}
		// Down to 8 in at most 6 waves (one slot per wave would take 12); after that only the rare
		// probes at 9 (after 8, 16, 32 round trips) are refused.
		expect(cuts.indexOf(8)).toBeGreaterThanOrEqual(0);
		expect(cuts.indexOf(8)).toBeLessThan(6);
		expect(cuts.slice(cuts.indexOf(8)).every((cut) => cut === 8)).toBe(true);
		expect(cuts.length - cuts.indexOf(8)).toBeLessThanOrEqual(4);
		expect(limiter.limit).toBe(8);
		expect(limiter.floor).toBe(8);
	});

	it('after a fall it probes soon, and sooner after every probe that held: the ceiling coming back is found in tens of round trips, not thousands', async () => {
		const { limiter, held } = await provenAt(20);
		for (let round = 0; round < 40; round++) await roundAtCeiling(held, 8);
		expect(limiter.limit).toBe(8);
		// Meta is back at 20.
		let rounds = 0;
		while (limiter.limit < 20 && rounds < 500) {
			await acceptRounds(held, 1);
			rounds++;
		}
		expect(limiter.limit).toBe(20);
		expect(rounds).toBeLessThan(150);
	});

	it('at or above the proven concurrency it probes one slot at a time, rarely, and less often after a failed probe', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 4 });
		start(100_000);
		await settle();
		const wave = held.splice(0);
		// Refused with 3 others at Meta.
		wave[3].report.throttled();
		expect(limiter.limit).toBe(3);
		for (const request of wave.slice(0, 3)) request.finish();
		await settle();
		// 120 calm round trips at 3: still 3; by 130 the probe slot is there.
		const roundsUntilProbe = async () => {
			let rounds = 0;
			while (limiter.limit === 3) {
				await acceptRounds(held, 1);
				rounds++;
			}
			return rounds;
		};
		const first = await roundsUntilProbe();
		expect(first).toBeGreaterThan(120);
		expect(first).toBeLessThan(130);
		expect(limiter.limit).toBe(4);
		// The probe is refused in its first round trip (the last request sent, 3 others at Meta):
		// back to 3, and the next probe waits twice as long.
		held.at(-1)?.report.throttled();
		expect(limiter.limit).toBe(3);
		for (const request of held.splice(0, held.length - 1)) request.finish();
		await settle();
		const second = await roundsUntilProbe();
		expect(second).toBeGreaterThan(250);
		expect(second).toBeLessThan(260);
		expect(limiter.limit).toBe(4);
	});

	describe('pacing', () => {
		it('slots freed together send spread over the shortest round trip (0.8 × round trip / limit apart), not at once', async () => {
			const { waits, advance, start, started } = await afterCalmRoundTrip(4);
			// No round trip measured yet: the first four went at once.
			expect(started()).toBe(4);
			expect(waits).toEqual([]);
			start(4);
			await settle();
			// The four free slots send 20 ms apart: the first at once, the others wait their turn.
			expect(started()).toBe(5);
			expect(waits).toEqual([20, 40, 60]);
			await advance(20);
			expect(started()).toBe(6);
			await advance(40);
			expect(started()).toBe(8);
		});

		it('a steady stream is not slowed: a send after the pace interval goes at once', async () => {
			const { clock, waits, advance } = manualClock();
			const { held, start, started } = holdingLimiter({ max: 2, initial: 2, clock });
			start(6);
			await settle();
			await advance(100);
			held.shift()?.finish();
			await settle();
			await advance(50);
			held.shift()?.finish();
			await settle();
			// 50 ms apart, more than 0.8 × 100 / 2 = 40: neither send waited.
			expect(waits).toEqual([]);
			expect(started()).toBe(4);
		});

		it('a request waiting for its paced moment is not counted as at Meta: a refusal’s bound leaves it out', async () => {
			const { advance, limiter, held, start } = await afterCalmRoundTrip(4);
			start(4);
			await settle();
			await advance(20);
			// The second is sent with one other at Meta and two holding slots while they wait.
			expect(held).toHaveLength(2);
			held[1].report.throttled();
			expect(limiter.limit).toBe(1);
		});

		it('a list’s next page (urgent) is not paced: everything else waits on it', async () => {
			const { waits, limiter, start } = await afterCalmRoundTrip(4);
			start(2);
			await settle();
			expect(waits).toEqual([20]);
			let pageSent = false;
			void limiter.run(async () => {
				pageSent = true;
			}, true);
			await settle();
			expect(pageSent).toBe(true);
			expect(waits).toEqual([20]);
		});

		it('a retry is paced like any send, so a wave’s retries do not go out together again', async () => {
			const { waits, advance, held, start } = await afterCalmRoundTrip(4);
			start(1);
			await settle();
			// Sent at once (the next send may go 20 ms later); refused, its retry waits for that moment.
			held[0].report.throttled();
			const retried = held[0].report.retrying();
			await settle();
			expect(waits).toEqual([20]);
			await advance(20);
			await retried;
		});

		it('a request sent without waiting (a page) while others wait for their moment counts only those at Meta', async () => {
			const { limiter, start } = await afterCalmRoundTrip(5);
			start(4);
			await settle();
			// One of the four sent, three waiting for their moment; the page takes the fifth slot.
			let page: ThrottleReport | undefined;
			void limiter.run(async (report) => {
				page = report;
				await new Promise(() => undefined);
			}, true);
			await settle();
			page?.throttled();
			expect(limiter.limit).toBe(1);
		});

		it('the pace comes from the shortest accepted round trip: not a longer one, and never a refusal’s', async () => {
			const jitter = manualClock();
			const accepted = holdingLimiter({ max: 2, initial: 2, clock: jitter.clock });
			accepted.start(6);
			await settle();
			await jitter.advance(50);
			accepted.held.shift()?.finish(); // 50 ms
			await settle();
			await jitter.advance(50);
			accepted.held.shift()?.finish(); // 100 ms
			await settle();
			accepted.held.shift()?.finish(); // 50 ms
			await settle();
			// Spaced 0.8 × 50 / 2 = 20 ms apart (from 100 ms: 40).
			expect(jitter.waits).toEqual([20]);

			const refusal = manualClock();
			const refused = holdingLimiter({ max: 2, initial: 2, clock: refusal.clock });
			refused.start(2);
			await settle();
			await refusal.advance(10);
			// Refused after 10 ms (the limit is cut to 1): that round trip says nothing about latency.
			refused.held[1].report.throttled();
			const retried = refused.held[1].report.retrying();
			await refusal.advance(90);
			refused.held[0].finish(); // accepted after 100 ms
			await settle();
			await retried;
			refused.start(1);
			refused.held[1].finish();
			await settle();
			// The retry went at 100 ms; the next send 0.8 × 100 / 1 = 80 ms later (from 10 ms: 8).
			expect(refusal.waits).toEqual([80]);
		});

		it('slow start below the maximum sends its rounds at once, so a round’s refusals come back together', async () => {
			const { clock, waits, advance } = manualClock();
			const { limiter, held, start, started } = holdingLimiter({ max: 50, initial: 4, clock });
			start(40);
			await settle();
			await advance(100);
			for (const request of held.splice(0)) request.finish();
			await settle();
			expect(limiter.limit).toBe(8);
			expect(started()).toBe(12);
			expect(waits).toEqual([]);
		});
	});
});
