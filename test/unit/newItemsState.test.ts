/** Which listed items are new (nodes/ThreadsTrigger/newItemsState.ts). */
import type { NewItemsState } from '../../nodes/ThreadsTrigger/newItemsState';
import { START_GRACE_MS, evaluateNewItems, isKnown, usableState } from '../../nodes/ThreadsTrigger/newItemsState';

const T = 1_750_000_000_000;
const item = (id: string, minutesAfterT: number) => ({ id, at: T + minutesAfterT * 60_000 });

describe('new items state', () => {
	it('the first poll sets the starting point: nothing fires, what is there is seen', () => {
		const first = evaluateNewItems(undefined, 'mentions', [item('b', -1), item('a', -2)], T);
		expect(first).toEqual({ fresh: [], started: true, state: { key: 'mentions', floor: T - 120_000 + 1, seen: [['b', T - 60_000], ['a', T - 120_000]] } });
	});

	it('the starting point is a grace period before now, or just after the oldest item listed when that is later', () => {
		expect(evaluateNewItems(undefined, 'k', [], T).state.floor).toBe(T - START_GRACE_MS);
		expect(evaluateNewItems(undefined, 'k', [item('old', -600)], T).state.floor).toBe(T - START_GRACE_MS);
		// Posted a minute before the first poll but listed only later (clocks differ, Meta lists late): new.
		const { state } = evaluateNewItems(undefined, 'k', [], T);
		expect(evaluateNewItems(state, 'k', [item('late', -1)], T + 60_000).fresh.map((entry) => entry.id)).toEqual(['late']);
	});

	it('new items fire once, oldest first; the state grows only when something fires', () => {
		const { state } = evaluateNewItems(undefined, 'k', [item('a', -2)], T);
		const next = evaluateNewItems(state, 'k', [item('c', 5), item('b', 3), item('a', -2)], T + 600_000);
		expect(next.fresh.map((entry) => entry.id)).toEqual(['b', 'c']);
		expect(next.state.seen.map(([id]) => id)).toEqual(['c', 'b', 'a']);
		const quiet = evaluateNewItems(next.state, 'k', [item('c', 5), item('b', 3), item('a', -2)], T + 900_000);
		expect(quiet.fresh).toEqual([]);
		expect(quiet.state).toBe(next.state);
	});

	it('replaying from an older saved state (a quiet poll lost) neither repeats nor loses', () => {
		const { state: saved } = evaluateNewItems(undefined, 'k', [item('a', -2)], T);
		// A quiet poll in between changed nothing, so losing it loses nothing; the next poll sees b once.
		expect(evaluateNewItems(saved, 'k', [item('a', -2)], T + 60_000).state).toBe(saved);
		expect(evaluateNewItems(saved, 'k', [item('b', 2), item('a', -2)], T + 120_000).fresh.map((entry) => entry.id)).toEqual(['b']);
	});

	it('items older than the starting point never fire (a full first page: what lies beyond it is older)', () => {
		const { state } = evaluateNewItems(undefined, 'k', [item('a', -2)], T);
		expect(evaluateNewItems(state, 'k', [item('late', -3), item('a', -2)], T + 60_000).fresh).toEqual([]);
		expect(isKnown(state, item('late', -3), T)).toBe(true);
		expect(isKnown(state, item('a', -2), T)).toBe(true);
		expect(isKnown(state, item('new', 1), T)).toBe(false);
	});

	it('bounded: the window keeps the newest ids and the floor rises, so a dropped id never fires again', () => {
		let { state } = evaluateNewItems(undefined, 'k', [], T, 3);
		for (let minute = 1; minute <= 5; minute++) state = evaluateNewItems(state, 'k', [item(`i${minute}`, minute)], T + minute * 60_000, 3).state;
		expect(state.seen.map(([id]) => id)).toEqual(['i5', 'i4', 'i3']);
		expect(state.floor).toBe(T + 3 * 60_000);
		expect(evaluateNewItems(state, 'k', [item('i1', 1), item('i2', 2)], T + 600_000, 3).fresh).toEqual([]);
	});

	it('ids that share the oldest kept second stay together', () => {
		const { state } = evaluateNewItems(undefined, 'k', [item('x', 1), item('y', 0), item('z', 0)], T + 120_000, 2);
		expect(state.seen.map(([id]) => id).sort()).toEqual(['x', 'y', 'z']);
		expect(state.floor).toBe(T + 1);
	});

	it('another watch (a new keyword) starts over; a broken stored value is no state', () => {
		const { state } = evaluateNewItems(undefined, 'search:coffee', [item('a', 0)], T);
		expect(usableState(state, 'search:tea')).toBeUndefined();
		expect(usableState({ key: 'k', floor: 'x', seen: [] }, 'k')).toBeUndefined();
		expect(usableState(state, 'search:coffee')).toBe(state as NewItemsState);
		expect(evaluateNewItems(state, 'search:tea', [item('b', 1)], T + 1000).started).toBe(true);
	});

	it('an item without a timestamp counts as now: it fires once if unseen', () => {
		const { state } = evaluateNewItems(undefined, 'k', [], T);
		const next = evaluateNewItems(state, 'k', [{ id: 'n' }], T + 1000);
		expect(next.fresh).toEqual([{ id: 'n' }]);
		expect(evaluateNewItems(next.state, 'k', [{ id: 'n' }], T + 2000).fresh).toEqual([]);
	});
});
