import { AdaptiveLimiter, type ThrottleReport } from '../../nodes/shared/graph/adaptiveLimiter';

/** A request the test answers by hand: accept it, or refuse it and later send the retry. */
interface HeldRequest {
	report: ThrottleReport;
	finish: () => void;
}

function holdingLimiter(options: { max: number; initial?: number }) {
	const limiter = new AdaptiveLimiter(options);
	const held: HeldRequest[] = [];
	const start = (count: number) => {
		for (let i = 0; i < count; i++) {
			void limiter.run((report) => new Promise<void>((finish) => held.push({ report, finish })));
		}
	};
	return { limiter, held, start };
}

const settle = async () => {
	for (let i = 0; i < 5; i++) await Promise.resolve();
};

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
		for (let round = 0; round < 10; round++) {
			for (const request of held.splice(0)) request.finish();
			await settle();
		}
		expect(limiter.limit).toBe(6);
		expect(limiter.peak).toBe(6);
	});

	it('one wave of refusals brings the limit down to what Meta accepted', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 16 });
		start(40);
		await settle();
		// Meta accepts 8 of the 16 and refuses the other 8 on arrival.
		const refused = held.slice(8, 16);
		for (const request of refused) request.report.throttled();
		expect(limiter.limit).toBe(8);
		expect(limiter.inFlight).toBe(16);
	});

	it('late refusals of the same wave never take the limit below half the first cut', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 16 });
		start(16);
		await settle();
		held[15].report.throttled();
		expect(limiter.limit).toBe(15);
		// Most of the wave finished before the other refusals arrived.
		for (const request of held.slice(0, 12)) request.finish();
		await settle();
		for (const request of held.slice(12, 15)) request.report.throttled();
		expect(limiter.limit).toBe(8);
	});

	it('refusals of requests sent before an earlier cut do not cut again', async () => {
		const { limiter, held, start } = holdingLimiter({ max: 50, initial: 16 });
		start(40);
		await settle();
		held[15].report.throttled();
		held[15].report.retrying();
		// Second cut, caused by the retry (sent in the new generation).
		held[15].report.throttled();
		const afterSecondCut = limiter.limit;
		// A request from the first wave is refused now: that wave already cut, twice removed.
		held[3].report.throttled();
		expect(limiter.limit).toBe(afterSecondCut);
	});
});
