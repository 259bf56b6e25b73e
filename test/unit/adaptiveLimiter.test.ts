import { AdaptiveLimiter, type ThrottleReport } from '../../nodes/shared/graph/adaptiveLimiter';

/** A request the test answers by hand: accept it, or refuse it and later send the retry. */
interface HeldRequest {
	report: ThrottleReport;
	finish: () => void;
}

function holdingLimiter(options: { max: number; initial?: number }) {
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

	it('slow start: each accepted request while the pool is full adds a slot, up to the maximum', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 6, initial: 2 });
		start(40);
		await settle();
		await acceptRounds(held, 10);
		expect(limiter.limit).toBe(6);
		expect(limiter.peak).toBe(6);
	});

	it('a refusal cuts the limit to what Meta accepted during its round trip', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 16 });
		start(16);
		await settle();
		// Meta accepts 10 of the 16; their answers come back before the first refusal does.
		for (const request of held.slice(0, 10)) request.finish();
		await settle();
		held[10].report.throttled();
		expect(limiter.limit).toBe(10);
	});

	it('one wave, one cut: the retry of a refused request is refused again without a second cut', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 16 });
		start(16);
		await settle();
		for (const request of held.slice(0, 12)) request.finish();
		await settle();
		held[12].report.throttled();
		expect(limiter.limit).toBe(12);
		// The retry goes out after the cut and is refused again with nothing answered meanwhile.
		await held[12].report.retrying();
		held[12].report.throttled();
		expect(limiter.limit).toBe(12);
		// A request first sent after the cut and refused starts a new wave: it does cut.
		start(1);
		await settle();
		held.at(-1)?.report.throttled();
		expect(limiter.limit).toBe(1);
	});

	it('a throttled request gives its slot back while it waits, and retries ahead of the queue', async () => {
		const { limiter, held, start, started } = holdingLimiter({ max: 4, initial: 4 });
		start(10);
		await settle();
		expect(started()).toBe(4);
		for (const request of held.slice(0, 3)) request.finish();
		await settle();
		expect(started()).toBe(7);
		// Refused after 3 accepted answers: the limit stays 3 (4 are at Meta: the 3 new and it),
		// and its slot goes to nobody until it frees one: 3 in flight, none of them it.
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
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 12 });
		start(1000);
		await settle();
		// One calm round trip with the pool full at 12 proves 12; slow start grows to 20.
		await acceptRounds(held, 1);
		expect(limiter.floor).toBe(12);
		expect(limiter.limit).toBe(20);
		// Meta accepts 16 of the 20, then refuses: the first refusal saw 16 accepted answers.
		const wave = held.splice(0);
		for (const request of wave.slice(0, 16)) request.finish();
		await settle();
		wave[16].report.throttled();
		expect(limiter.limit).toBe(16);
		// Requests sent before the cut are refused with nothing accepted meanwhile (pending
		// refusals held Meta's capacity): they refine, down to the proven 12 and no further.
		for (const request of held.splice(0)) request.report.throttled();
		expect(limiter.limit).toBe(12);
	});

	it('recovers in proportion to the limit: ×1.25 per calm round trip, back to the wave’s first estimate', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 16 });
		start(1000);
		await settle();
		const wave = held.splice(0);
		for (const request of wave.slice(0, 15)) request.finish();
		await settle();
		// First refusal: 15 accepted meanwhile.
		wave[15].report.throttled();
		expect(limiter.limit).toBe(15);
		expect(limiter.ceiling).toBe(15);
		// The rest of the wave (sent before the cut) saw only 8 accepted, plus the first refusal
		// pending at Meta meanwhile: down to 9 (nothing proven higher).
		const rest = held.splice(0);
		for (const request of rest.slice(0, 8)) request.finish();
		await settle();
		for (const request of rest.slice(8)) request.report.throttled();
		await settle();
		expect(limiter.limit).toBe(9);
		expect(held).toHaveLength(9);
		const limits: number[] = [];
		for (let round = 0; round < 4; round++) {
			await acceptRounds(held, 1);
			limits.push(limiter.limit);
		}
		// 9 → 11 → 14 → 15: a quarter of the limit per round trip, then it stops at the estimate.
		expect(limits).toEqual([11, 14, 15, 15]);
	});

	it('above the estimate it probes one slot at a time, rarely, and less often after a failed probe', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 4 });
		start(100_000);
		await settle();
		const wave = held.splice(0);
		for (const request of wave.slice(0, 3)) request.finish();
		await settle();
		wave[3].report.throttled();
		expect(limiter.limit).toBe(3);
		// 120 calm round trips at 3: still 3; by 130 the probe slot is there.
		await acceptRounds(held, 120);
		expect(limiter.limit).toBe(3);
		await acceptRounds(held, 10);
		expect(limiter.limit).toBe(4);
		// The probe is refused: back to 3, and the next probe waits twice as long.
		const probe = held.splice(0);
		for (const request of probe.slice(0, 3)) request.finish();
		await settle();
		probe[3].report.throttled();
		expect(limiter.limit).toBe(3);
		await acceptRounds(held, 250);
		expect(limiter.limit).toBe(3);
		await acceptRounds(held, 10);
		expect(limiter.limit).toBe(4);
	});
});
