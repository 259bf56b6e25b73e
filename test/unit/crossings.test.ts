import {
	evaluateCrossings,
	sampleEvents,
	validateCondition,
	type CrossingCondition,
	type CrossingEvent,
	type CrossingState,
	type EvaluateOptions,
	type Observation,
} from '../../nodes/shared/alerts/crossings';

const NOW = '2025-01-02T03:04:05.000Z';

/** One poll; the state goes through JSON like n8n static data does between executions. */
function poll(
	state: CrossingState | undefined,
	observations: Observation[],
	options: Partial<EvaluateOptions> & { condition: CrossingCondition },
) {
	const result = evaluateCrossings(state, observations, { now: NOW, ...options });
	return { events: result.events, state: JSON.parse(JSON.stringify(result.state)) as CrossingState };
}

/** Feeds one object+metric a value per poll and returns the events of each poll. */
function runSequence(
	condition: CrossingCondition,
	values: Array<number | null | undefined>,
	extra: Partial<EvaluateOptions> = {},
): CrossingEvent[][] {
	let state: CrossingState | undefined;
	return values.map((value) => {
		const result = poll(state, [{ objectId: 'p1', metric: 'views', value }], { condition, ...extra });
		state = result.state;
		return result.events;
	});
}

/** Values at which something fired, flattened (one entry per event). */
const firedAt = (condition: CrossingCondition, values: Array<number | null | undefined>, extra?: Partial<EvaluateOptions>) =>
	runSequence(condition, values, extra).flat().map((e) => e.value);

/** "value direction" per event, to check crosses in both directions. */
const moves = (condition: CrossingCondition, values: number[]) =>
	runSequence(condition, values)
		.flat()
		.map((e) => `${e.value} ${e.direction}`);

const above100: CrossingCondition = { kind: 'above', threshold: 100 };

describe('above', () => {
	it('fires at 110 and 130 only for 90, 110, 120, 80, 130 (first poll 90 is the baseline)', () => {
		expect(firedAt(above100, [90, 110, 120, 80, 130])).toEqual([110, 130]);
	});

	it('fills every event field', () => {
		const [, [event]] = runSequence(above100, [90, 110]);
		expect(event).toEqual({
			objectId: 'p1',
			metric: 'views',
			value: 110,
			previousValue: 90,
			threshold: 100,
			condition: 'above',
			direction: 'up',
			crossedAt: NOW,
		});
	});

	it('does not fire for a value equal to the threshold', () => {
		expect(firedAt(above100, [90, 100, 101])).toEqual([101]);
		// A first poll exactly at the threshold is not "already above": it is armed.
		expect(firedAt(above100, [100, 101])).toEqual([101]);
	});

	it('first poll only sets the baseline: 150, 90, 120 fires at 120', () => {
		expect(firedAt(above100, [150, 160, 90, 120])).toEqual([120]);
	});

	it('fireOnActivation fires once for a value already above', () => {
		expect(firedAt(above100, [150, 160, 90, 120], { fireOnActivation: true })).toEqual([150, 120]);
		const [[event]] = runSequence(above100, [150], { fireOnActivation: true });
		expect(event).toMatchObject({ previousValue: null, direction: 'up', threshold: 100 });
	});

	it('fireOnActivation does not fire for a value not above', () => {
		expect(firedAt(above100, [50, 60], { fireOnActivation: true })).toEqual([]);
	});

	it('hysteresis 10: 110 fires, 95 and 105 do not re-arm, 89 re-arms, 101 fires', () => {
		const condition: CrossingCondition = { kind: 'above', threshold: 100, hysteresis: 10 };
		expect(firedAt(condition, [50, 110, 95, 105, 89, 101])).toEqual([110, 101]);
	});

	it('hysteresis re-arms at exactly threshold − hysteresis, not above it', () => {
		const condition: CrossingCondition = { kind: 'above', threshold: 100, hysteresis: 10 };
		expect(firedAt(condition, [50, 110, 90, 101])).toEqual([110, 101]);
		expect(firedAt(condition, [50, 110, 91, 101])).toEqual([110]);
	});
});

describe('below', () => {
	const below100: CrossingCondition = { kind: 'below', threshold: 100, hysteresis: 10 };

	it('fires when falling below, re-arms at threshold + hysteresis', () => {
		// 90 fires; 105 is not ≥ 110 so 95 does not fire; 110 re-arms; 99 fires.
		expect(firedAt(below100, [150, 90, 105, 95, 110, 99])).toEqual([90, 99]);
	});

	it('reports direction down and the threshold', () => {
		const [, [event]] = runSequence(below100, [150, 90]);
		expect(event).toMatchObject({ direction: 'down', threshold: 100, previousValue: 150, condition: 'below' });
	});

	it('without hysteresis: equal is not below, re-arms at the threshold', () => {
		expect(firedAt({ kind: 'below', threshold: 100 }, [150, 100, 99, 98, 100, 99])).toEqual([99, 99]);
		// A first poll exactly at the threshold is not "already below": it is armed.
		expect(firedAt({ kind: 'below', threshold: 100 }, [100, 99])).toEqual([99]);
	});

	it('first poll already below does not fire unless fireOnActivation', () => {
		expect(firedAt(below100, [50, 40, 120, 80])).toEqual([80]);
		expect(firedAt(below100, [50, 40, 120, 80], { fireOnActivation: true })).toEqual([50, 80]);
	});
});

describe('crosses', () => {
	it('fires on each change of side, both directions (equal counts as not above)', () => {
		expect(moves({ kind: 'crosses', threshold: 100 }, [50, 150, 160, 100, 101, 50, 40])).toEqual([
			'150 up',
			'100 down',
			'101 up',
			'50 down',
		]);
	});

	it('starting above, the first event is down; starting at the threshold, the first is up', () => {
		expect(moves({ kind: 'crosses', threshold: 100 }, [150, 50, 150])).toEqual(['50 down', '150 up']);
		expect(moves({ kind: 'crosses', threshold: 100 }, [100, 101])).toEqual(['101 up']);
	});

	it('hysteresis stops flapping: down only at ≤ threshold − hysteresis', () => {
		const condition: CrossingCondition = { kind: 'crosses', threshold: 100, hysteresis: 10 };
		expect(moves(condition, [50, 101, 95, 105, 99, 90, 95, 101, 105])).toEqual(['101 up', '90 down', '101 up']);
	});

	it('down events carry the configured threshold and condition', () => {
		const events = runSequence({ kind: 'crosses', threshold: 100, hysteresis: 10 }, [150, 80]).flat();
		expect(events).toEqual([expect.objectContaining({ threshold: 100, direction: 'down', condition: 'crosses' })]);
	});

	it('fireOnActivation fires up once for a value already above', () => {
		expect(moves({ kind: 'crosses', threshold: 100 }, [50])).toEqual([]);
		expect(runSequence({ kind: 'crosses', threshold: 100 }, [150, 160], { fireOnActivation: true }).flat()).toEqual([
			expect.objectContaining({ value: 150, direction: 'up' }),
		]);
		expect(runSequence({ kind: 'crosses', threshold: 100 }, [50], { fireOnActivation: true }).flat()).toEqual([]);
	});
});

describe('growsBy', () => {
	it('absolute: fires each time the value grew by the amount since the last fire', () => {
		const condition: CrossingCondition = { kind: 'growsBy', amount: 100 };
		expect(firedAt(condition, [1000, 1050, 1099, 1100, 1150, 1199, 1200, 1350])).toEqual([1100, 1200, 1350]);
	});

	it('reports the baseline + amount reached as threshold, baseline then moves to the value', () => {
		const events = runSequence({ kind: 'growsBy', amount: 100 }, [1000, 1130, 1200, 1230]).flat();
		expect(events.map((e) => [e.value, e.threshold, e.previousValue, e.direction])).toEqual([
			[1130, 1100, 1000, 'up'],
			[1230, 1230, 1200, 'up'],
		]);
	});

	it('drops do not move the baseline', () => {
		expect(firedAt({ kind: 'growsBy', amount: 100 }, [1000, 500, 1099, 1100])).toEqual([1100]);
	});

	it('percent: 10% of 200 is 220, then 10% of 220 is 242 (exact, no float drift)', () => {
		const events = runSequence({ kind: 'growsBy', percent: 10 }, [200, 219, 220, 241, 242]).flat();
		expect(events.map((e) => [e.value, e.threshold])).toEqual([
			[220, 220],
			[242, 242],
		]);
		expect(firedAt({ kind: 'growsBy', percent: 10 }, [100, 110])).toEqual([110]);
		// 29 / 100 * 100 is 28.999999999999996 in floating point; 129 must still meet 29%.
		expect(firedAt({ kind: 'growsBy', percent: 29 }, [100, 128, 129])).toEqual([129]);
	});

	it('amount and percent: fires when either is met; threshold is the lower target', () => {
		const condition: CrossingCondition = { kind: 'growsBy', amount: 50, percent: 10 };
		// Base 1000: amount target 1050 < percent target 1100.
		expect(runSequence(condition, [1000, 1049, 1050]).flat().map((e) => e.threshold)).toEqual([1050]);
		// Both met at once: still the lower target.
		expect(runSequence(condition, [1000, 1200]).flat().map((e) => e.threshold)).toEqual([1050]);
		// Base 100: percent target 110 < amount target 150; then base 110: percent 121 < amount 160.
		const events = runSequence(condition, [100, 109, 110, 120, 121]).flat();
		expect(events.map((e) => [e.value, e.threshold])).toEqual([
			[110, 110],
			[121, 121],
		]);
	});

	it('percent never fires from a baseline of 0; the absolute amount still does', () => {
		expect(firedAt({ kind: 'growsBy', percent: 10 }, [0, 1000, 5000])).toEqual([]);
		expect(firedAt({ kind: 'growsBy', amount: 50, percent: 10 }, [0, 49, 50, 54, 55])).toEqual([50, 55]);
	});

	it('fireOnActivation has nothing to fire', () => {
		expect(firedAt({ kind: 'growsBy', amount: 10 }, [1000, 1005, 1010], { fireOnActivation: true })).toEqual([1010]);
	});
});

describe('milestone', () => {
	const every1000: CrossingCondition = { kind: 'milestone', every: 1000 };

	it('900 → 3100 gives one event per milestone passed, ascending', () => {
		const [, events] = runSequence(every1000, [900, 3100]);
		expect(events.map((e) => [e.threshold, e.value, e.previousValue, e.direction])).toEqual([
			[1000, 3100, 900, 'up'],
			[2000, 3100, 900, 'up'],
			[3000, 3100, 900, 'up'],
		]);
	});

	it('reaching a milestone exactly fires; dips and recoveries never re-fire', () => {
		const events = runSequence(every1000, [900, 3100, 2500, 3200, 2900, 3999, 4000, 1000, 4500]).flat();
		expect(events.map((e) => e.threshold)).toEqual([1000, 2000, 3000, 4000]);
	});

	it('first poll sets the baseline at the highest milestone already passed', () => {
		expect(runSequence(every1000, [3100, 3900, 4100]).flat().map((e) => e.threshold)).toEqual([4000]);
	});

	it('fireOnActivation fires only the highest milestone already passed', () => {
		const events = runSequence(every1000, [3100, 3500, 4000], { fireOnActivation: true }).flat();
		expect(events.map((e) => [e.threshold, e.value])).toEqual([
			[3000, 3100],
			[4000, 4000],
		]);
		expect(runSequence(every1000, [999], { fireOnActivation: true }).flat()).toEqual([]);
	});

	it('caps a runaway jump at the highest 1000 milestones', () => {
		const [, events] = runSequence({ kind: 'milestone', every: 1 }, [0, 5000]);
		expect(events).toHaveLength(1000);
		expect(events[0].threshold).toBe(4001);
		expect(events[999].threshold).toBe(5000);
	});
});

describe('objects that appear after activation', () => {
	/** Poll 1 sees only p1; later polls add p2 with the given values. */
	function newObjectEvents(condition: CrossingCondition, p2Values: number[]): CrossingEvent[][] {
		let { state } = poll(undefined, [{ objectId: 'p1', metric: 'views', value: 5 }], { condition });
		return p2Values.map((value) => {
			const result = poll(
				state,
				[
					{ objectId: 'p1', metric: 'views', value: 5 },
					{ objectId: 'p2', metric: 'views', value },
				],
				{ condition },
			);
			state = result.state;
			return result.events;
		});
	}

	it('above: a new post already above fires once, up, previousValue null', () => {
		const events = newObjectEvents(above100, [150, 160]);
		expect(events).toEqual([
			[expect.objectContaining({ objectId: 'p2', value: 150, previousValue: null, direction: 'up' })],
			[],
		]);
		expect(newObjectEvents(above100, [50, 150]).map((e) => e.length)).toEqual([0, 1]);
	});

	it('crosses: a new post already above fires up once; one below stays quiet', () => {
		const condition: CrossingCondition = { kind: 'crosses', threshold: 100 };
		expect(newObjectEvents(condition, [150, 160]).flat().map((e) => `${e.value} ${e.direction}`)).toEqual(['150 up']);
		expect(newObjectEvents(condition, [50, 40]).flat()).toEqual([]);
	});

	it('milestone: fires every milestone passed from 0', () => {
		const events = newObjectEvents({ kind: 'milestone', every: 1000 }, [2500, 2900]).flat();
		expect(events.map((e) => [e.threshold, e.previousValue])).toEqual([
			[1000, null],
			[2000, null],
		]);
	});

	it('below: a new post only sets its baseline', () => {
		const condition: CrossingCondition = { kind: 'below', threshold: 100 };
		expect(newObjectEvents(condition, [50, 40, 120, 80]).flat().map((e) => e.value)).toEqual([80]);
	});

	it('growsBy: a new post only sets its baseline', () => {
		const condition: CrossingCondition = { kind: 'growsBy', amount: 10 };
		expect(newObjectEvents(condition, [500, 509, 510]).flat().map((e) => e.value)).toEqual([510]);
	});

	it('a new post reporting several metrics in one poll is new for all of them', () => {
		const { state } = poll(undefined, [{ objectId: 'p1', metric: 'views', value: 5 }], { condition: above100 });
		const { events } = poll(
			state,
			[
				{ objectId: 'p2', metric: 'views', value: 500 },
				{ objectId: 'p2', metric: 'likes', value: 200 },
			],
			{ condition: above100 },
		);
		expect(events.map((e) => e.metric)).toEqual(['views', 'likes']);
	});

	it('a known post reporting a metric for the first time only sets its baseline', () => {
		const { state } = poll(undefined, [{ objectId: 'p1', metric: 'views', value: 5 }], { condition: above100 });
		const second = poll(state, [{ objectId: 'p1', metric: 'likes', value: 500 }], { condition: above100 });
		expect(second.events).toEqual([]);
		const third = poll(second.state, [{ objectId: 'p1', metric: 'likes', value: 50 }], { condition: above100 });
		const fourth = poll(third.state, [{ objectId: 'p1', metric: 'likes', value: 150 }], { condition: above100 });
		expect(fourth.events.map((e) => e.value)).toEqual([150]);
	});

	it('an empty first poll still counts as activation: posts appearing later are news', () => {
		const { state } = poll(undefined, [], { condition: above100, watchedObjectIds: [] });
		const { events } = poll(state, [{ objectId: 'p9', metric: 'views', value: 150 }], { condition: above100 });
		expect(events.map((e) => e.objectId)).toEqual(['p9']);
	});
});

describe('pruning and partial polls', () => {
	const both = (a: number | null, b: number | null): Observation[] => [
		{ objectId: 'p1', metric: 'views', value: a },
		{ objectId: 'p2', metric: 'views', value: b },
	];

	it('drops state for objects outside watchedObjectIds', () => {
		const first = poll(undefined, both(50, 50), { condition: above100 });
		const second = poll(first.state, [{ objectId: 'p1', metric: 'views', value: 60 }], {
			condition: above100,
			watchedObjectIds: ['p1'],
		});
		expect(Object.keys(second.state.o)).toEqual(['p1']);
		// p2 is forgotten, so if it comes back it is treated as a new object.
		const third = poll(second.state, both(60, 150), { condition: above100 });
		expect(third.events).toEqual([expect.objectContaining({ objectId: 'p2', previousValue: null })]);
	});

	it('prunes nothing when watchedObjectIds is omitted', () => {
		const first = poll(undefined, both(50, 50), { condition: above100 });
		const second = poll(first.state, [{ objectId: 'p1', metric: 'views', value: 60 }], { condition: above100 });
		expect(Object.keys(second.state.o).sort()).toEqual(['p1', 'p2']);
	});

	it('keeps observed objects even if the caller left them out of watchedObjectIds', () => {
		const first = poll(undefined, both(50, 50), { condition: above100 });
		const second = poll(first.state, both(150, 60), { condition: above100, watchedObjectIds: ['p2'] });
		const third = poll(second.state, both(160, 60), { condition: above100, watchedObjectIds: ['p2'] });
		expect(second.events.map((e) => e.objectId)).toEqual(['p1']);
		expect(third.events).toEqual([]);
	});

	it('a partial poll keeps unpolled state untouched and the crossing is caught next time', () => {
		const watchedObjectIds = ['p1', 'p2'];
		const first = poll(undefined, both(50, 50), { condition: above100, watchedObjectIds });
		const second = poll(first.state, [{ objectId: 'p1', metric: 'views', value: 60 }], {
			condition: above100,
			watchedObjectIds,
		});
		expect(second.state.o.p2).toEqual(first.state.o.p2);
		const third = poll(second.state, both(60, 150), { condition: above100, watchedObjectIds });
		expect(third.events).toEqual([expect.objectContaining({ objectId: 'p2', value: 150, previousValue: 50 })]);
	});

	it('a post not fetched on the first poll baselines quietly later (no activation flood)', () => {
		const watchedObjectIds = ['p1', 'p2'];
		const first = poll(undefined, [{ objectId: 'p1', metric: 'views', value: 50 }], { condition: above100, watchedObjectIds });
		const second = poll(first.state, both(50, 150), { condition: above100, watchedObjectIds });
		expect(second.events).toEqual([]);
		const third = poll(second.state, both(50, 50), { condition: above100, watchedObjectIds });
		const fourth = poll(third.state, both(50, 150), { condition: above100, watchedObjectIds });
		expect(fourth.events.map((e) => e.objectId)).toEqual(['p2']);
	});

	it('a new post not fetched on a later poll is not marked as seen: it fires when finally fetched', () => {
		const first = poll(undefined, [{ objectId: 'p1', metric: 'views', value: 50 }], {
			condition: above100,
			watchedObjectIds: ['p1'],
		});
		const second = poll(first.state, [{ objectId: 'p1', metric: 'views', value: 50 }], {
			condition: above100,
			watchedObjectIds: ['p1', 'p3'],
		});
		expect(Object.keys(second.state.o)).toEqual(['p1']);
		const third = poll(second.state, [{ objectId: 'p3', metric: 'views', value: 150 }], {
			condition: above100,
			watchedObjectIds: ['p1', 'p3'],
		});
		expect(third.events.map((e) => e.objectId)).toEqual(['p3']);
	});

	it('null, undefined and NaN values are ignored without touching state', () => {
		expect(runSequence(above100, [90, null, undefined, NaN, 110]).flat()).toEqual([
			expect.objectContaining({ value: 110, previousValue: 90 }),
		]);
		const first = poll(undefined, both(90, 90), { condition: above100 });
		const second = poll(first.state, both(null, NaN), { condition: above100, watchedObjectIds: ['p1', 'p2'] });
		expect(second.state).toEqual(first.state);
	});

	it('a new post with no insights yet stays new until it reports a value', () => {
		const first = poll(undefined, [{ objectId: 'p1', metric: 'views', value: 50 }], { condition: above100 });
		const second = poll(first.state, [{ objectId: 'p2', metric: 'views', value: null }], { condition: above100 });
		expect(second.state.o.p2).toBeUndefined();
		const third = poll(second.state, [{ objectId: 'p2', metric: 'views', value: 150 }], { condition: above100 });
		expect(third.events.map((e) => e.objectId)).toEqual(['p2']);
	});
});

describe('state', () => {
	it('a changed condition discards the state and acts as a first poll', () => {
		const first = poll(undefined, [{ objectId: 'p1', metric: 'views', value: 50 }], { condition: above100 });
		const changed = [
			{ kind: 'above', threshold: 200 },
			{ kind: 'above', threshold: 100, hysteresis: 5 },
			{ kind: 'crosses', threshold: 100 },
		] as const;
		for (const condition of changed) {
			const second = poll(first.state, [{ objectId: 'p1', metric: 'views', value: 250 }], { condition });
			expect(second.events).toEqual([]);
			expect(second.state.c).not.toBe(first.state.c);
		}
		// Same behaviour, same fingerprint: hysteresis omitted equals hysteresis 0.
		const same = poll(first.state, [{ objectId: 'p1', metric: 'views', value: 250 }], {
			condition: { kind: 'above', threshold: 100, hysteresis: 0 },
		});
		expect(same.events).toHaveLength(1);
	});

	/** Events of one poll of p1's views with the given state and condition. */
	const eventsFor = (state: CrossingState | undefined, value: number, condition: CrossingCondition) =>
		poll(state, [{ objectId: 'p1', metric: 'views', value }], { condition }).events;

	it('a changed growsBy amount or milestone step discards the state', () => {
		const amount10: CrossingCondition = { kind: 'growsBy', amount: 10 };
		const { state: grows } = poll(undefined, [{ objectId: 'p1', metric: 'views', value: 100 }], {
			condition: amount10,
		});
		expect(eventsFor(grows, 200, amount10)).toHaveLength(1);
		expect(eventsFor(grows, 200, { kind: 'growsBy', amount: 20 })).toEqual([]);
		expect(eventsFor(grows, 200, { kind: 'growsBy', amount: 10, percent: 5 })).toEqual([]);

		const every1000: CrossingCondition = { kind: 'milestone', every: 1000 };
		const { state: miles } = poll(undefined, [{ objectId: 'p1', metric: 'views', value: 900 }], {
			condition: every1000,
		});
		expect(eventsFor(miles, 1100, every1000)).toHaveLength(1);
		expect(eventsFor(miles, 1100, { kind: 'milestone', every: 500 })).toEqual([]);
	});

	it('a state from another version or a malformed state acts as a first poll', () => {
		const { state } = poll(undefined, [{ objectId: 'p1', metric: 'views', value: 50 }], {
			condition: above100,
		});
		const otherVersion = { ...state, v: 2 } as unknown as CrossingState;
		expect(eventsFor(otherVersion, 150, above100)).toEqual([]);
		const malformed = { v: 1, c: state.c } as unknown as CrossingState;
		expect(eventsFor(malformed, 150, above100)).toEqual([]);
		// Sanity check: the intact state does fire.
		expect(eventsFor(state, 150, above100)).toHaveLength(1);
	});

	it('has the documented compact shape', () => {
		const { state } = poll(
			undefined,
			[
				{ objectId: 'p1', metric: 'views', value: 50 },
				{ objectId: 'p1', metric: 'likes', value: 150 },
				{ objectId: 'p2', metric: 'likes', value: 7 },
			],
			{ condition: { kind: 'above', threshold: 100, hysteresis: 10 } },
		);
		expect(state).toEqual({
			v: 1,
			c: 'above|100|10',
			m: ['views', 'likes'],
			o: {
				p1: [
					[50, 0],
					[150, 1],
				],
				p2: [null, [7, 0]],
			},
		});
	});

	it('does not mutate the input state and shares no arrays with it', () => {
		const first = poll(
			undefined,
			[
				{ objectId: 'p1', metric: 'views', value: 50 },
				{ objectId: 'p3', metric: 'views', value: 50 },
			],
			{ condition: above100 },
		).state;
		const snapshot = JSON.stringify(first);
		deepFreeze(first);
		const result = evaluateCrossings(
			first,
			[
				{ objectId: 'p1', metric: 'views', value: 150 },
				{ objectId: 'p2', metric: 'likes', value: 150 },
			],
			{ condition: above100, now: NOW, watchedObjectIds: ['p1', 'p2', 'p3'] },
		);
		expect(result.events).toHaveLength(2);
		expect(JSON.stringify(first)).toBe(snapshot);
		expect(result.state).not.toBe(first);
		expect(result.state.m).not.toBe(first.m);
		expect(result.state.o.p1).not.toBe(first.o.p1);
		// p3 was not polled: equal content, but its own arrays.
		expect(result.state.o.p3).toEqual(first.o.p3);
		expect(result.state.o.p3).not.toBe(first.o.p3);
		expect(result.state.o.p3[0]).not.toBe(first.o.p3[0]);
	});

	it('10,000 objects × 3 metrics serialize under 1 MB', () => {
		const metrics = ['views', 'likes', 'replies'];
		const observe = (bump: number) =>
			Array.from({ length: 10_000 }, (_, i) =>
				metrics.map((metric, j) => ({
					objectId: `1802872647812${String(i).padStart(6, '0')}`,
					metric,
					value: 1_000_000 + i * 97 + j * 13 + bump,
				})),
			).flat();
		const conditions: CrossingCondition[] = [
			above100,
			{ kind: 'growsBy', amount: 1_000, percent: 5 },
			{ kind: 'milestone', every: 1000 },
		];
		for (const condition of conditions) {
			const first = evaluateCrossings(undefined, observe(0), { condition, now: NOW });
			const second = evaluateCrossings(first.state, observe(123), { condition, now: NOW });
			const bytes = Buffer.byteLength(JSON.stringify(second.state), 'utf8');
			expect(Object.keys(second.state.o)).toHaveLength(10_000);
			expect(bytes).toBeLessThan(1_000_000);
		}
	});
});

describe('events', () => {
	it('come in observation order, milestones ascending within one observation', () => {
		const condition: CrossingCondition = { kind: 'milestone', every: 10 };
		const { state } = poll(
			undefined,
			[
				{ objectId: 'b', metric: 'views', value: 5 },
				{ objectId: 'a', metric: 'views', value: 5 },
			],
			{ condition },
		);
		const { events } = poll(
			state,
			[
				{ objectId: 'b', metric: 'views', value: 25 },
				{ objectId: 'a', metric: 'views', value: 15 },
			],
			{ condition },
		);
		expect(events.map((e) => `${e.objectId}:${e.threshold}`)).toEqual(['b:10', 'b:20', 'a:10']);
	});

	it('crossedAt is now: a Date becomes an ISO string, a string is used as given', () => {
		const byDate = evaluateCrossings(undefined, [{ objectId: 'p1', metric: 'views', value: 150 }], {
			condition: above100,
			now: new Date(Date.UTC(2024, 5, 1, 12)),
			fireOnActivation: true,
		});
		expect(byDate.events[0].crossedAt).toBe('2024-06-01T12:00:00.000Z');
		expect(runSequence(above100, [150], { fireOnActivation: true, now: 'custom' })[0][0].crossedAt).toBe('custom');
	});

	it('treats an object id like __proto__ as an ordinary id', () => {
		const first = poll(undefined, [{ objectId: '__proto__', metric: 'views', value: 50 }], { condition: above100 });
		const second = poll(first.state, [{ objectId: '__proto__', metric: 'views', value: 150 }], { condition: above100 });
		expect(second.events.map((e) => e.objectId)).toEqual(['__proto__']);
	});
});

describe('validateCondition', () => {
	it('accepts valid conditions', () => {
		const valid: CrossingCondition[] = [
			{ kind: 'above', threshold: 100 },
			{ kind: 'below', threshold: -5, hysteresis: 0 },
			{ kind: 'crosses', threshold: 0.5, hysteresis: 2 },
			{ kind: 'growsBy', amount: 10 },
			{ kind: 'growsBy', percent: 2.5 },
			{ kind: 'growsBy', amount: 10, percent: 5 },
			{ kind: 'milestone', every: 1000 },
		];
		for (const condition of valid) expect(validateCondition(condition)).toBeUndefined();
	});

	it.each([
		[{ kind: 'above', threshold: 'abc' }, /Threshold must be a number \(got "abc"\)/],
		[{ kind: 'below', threshold: NaN }, /Threshold must be a number/],
		[{ kind: 'crosses' }, /Threshold must be a number \(got undefined\)/],
		[{ kind: 'above', threshold: 100, hysteresis: -5 }, /Hysteresis must be 0 or a positive number \(got -5\): use 0/],
		[{ kind: 'growsBy' }, /Grows By needs an amount, a percent, or both/],
		[{ kind: 'growsBy', amount: 0 }, /Amount must be a number greater than 0 \(got 0\)/],
		[{ kind: 'growsBy', amount: 5, percent: -1 }, /Percent must be a number greater than 0 \(got -1\)/],
		[{ kind: 'milestone', every: 0 }, /Milestone "every" must be a number greater than 0 \(got 0\)/],
		[{ kind: 'milestone', every: -1000 }, /"every" must be a number greater than 0/],
		[{ kind: 'sideways', threshold: 1 }, /Unknown condition kind "sideways": use one of above, below/],
	])('rejects %j', (condition, message) => {
		expect(validateCondition(condition as unknown as CrossingCondition)).toMatch(message);
	});

	it('evaluateCrossings refuses an invalid condition with the same message', () => {
		expect(() =>
			evaluateCrossings(undefined, [], { condition: { kind: 'milestone', every: 0 }, now: NOW }),
		).toThrow(/Invalid crossing condition: Milestone "every" must be a number greater than 0/);
	});
});

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) deepFreeze(inner);
		Object.freeze(value);
	}
	return value;
}

describe('sampleEvents (the test step)', () => {
	const obs = (objectId: string, value: number | null) => ({ objectId, metric: 'views', value });
	it('says per value whether the condition holds now, never with a crossing time', () => {
		const above = sampleEvents(undefined, [obs('a', 999), obs('b', 1001)], { kind: 'above', threshold: 1000 }, 'views');
		expect(above.map((e) => [e.conditionMet, e.direction, e.crossedAt, e.sample])).toEqual([
			[false, null, null, true],
			[true, 'up', null, true],
		]);
		expect(sampleEvents(undefined, [obs('a', 5)], { kind: 'below', threshold: 10 }, 'views')[0]).toMatchObject({ conditionMet: true, direction: 'down' });
		expect(sampleEvents(undefined, [obs('a', 2500)], { kind: 'milestone', every: 1000 }, 'views')[0]).toMatchObject({ conditionMet: true, threshold: 2000 });
		expect(sampleEvents(undefined, [obs('a', 900)], { kind: 'milestone', every: 1000 }, 'views')[0]).toMatchObject({ conditionMet: false, threshold: 1000 });
	});

	it('grows by: measured from the saved baseline, false without one', () => {
		const condition = { kind: 'growsBy' as const, amount: 100 };
		const { state } = evaluateCrossings(undefined, [obs('a', 500)], { condition, now: new Date() });
		expect(sampleEvents(state, [obs('a', 650)], condition, 'views')[0]).toMatchObject({ conditionMet: true, threshold: 600, previousValue: 500 });
		expect(sampleEvents(state, [obs('a', 550)], condition, 'views')[0]).toMatchObject({ conditionMet: false, threshold: 600 });
		expect(sampleEvents(undefined, [obs('a', 10_000)], condition, 'views')[0]).toMatchObject({ conditionMet: false });
	});

	it('nothing observed: one empty sample with the shape of an event', () => {
		expect(sampleEvents(undefined, [], { kind: 'above', threshold: 7 }, 'likes')).toEqual([
			{ objectId: '', metric: 'likes', value: null, previousValue: null, threshold: 7, condition: 'above', direction: null, crossedAt: null, sample: true, conditionMet: false },
		]);
	});
});
