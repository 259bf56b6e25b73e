/** Which listed items are new (nodes/ThreadsTrigger/newItemsState.ts). */
import type { NewItemsState } from '../../nodes/ThreadsTrigger/newItemsState';
import { START_GRACE_MS, evaluateNewItems, isKnown, unlistedBefore, usableState } from '../../nodes/ThreadsTrigger/newItemsState';

const T = 1_750_000_000_000;
const item = (id: string, minutesAfterT: number) => ({ id, at: T + minutesAfterT * 60_000 });

describe('new items state', () => {
	it('the first poll sets the starting point: nothing fires, what is there is seen', () => {
		const first = evaluateNewItems(undefined, 'mentions', [item('b', -1), item('a', -2)], T);
		expect(first).toEqual({ fresh: [], started: true, state: { key: 'mentions', floor: T - START_GRACE_MS, seen: [['b', T - 60_000], ['a', T - 120_000]], savedAt: T } });
	});

	it('the starting point is a grace period before now, or just after the oldest item listed when the first answer was full and that is later', () => {
		expect(evaluateNewItems(undefined, 'k', [], T).state.floor).toBe(T - START_GRACE_MS);
		expect(evaluateNewItems(undefined, 'k', [item('old', -600)], T).state.floor).toBe(T - START_GRACE_MS);
		expect(evaluateNewItems(undefined, 'k', [item('a', -2)], T, undefined, T - 120_000 + 1).state.floor).toBe(T - 120_000 + 1);
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

	it('a first answer that was not full listed everything: an item dated within the grace period before activation that it did not list fires', () => {
		const lists = [{ items: [item('a', -2)], more: false }];
		expect(unlistedBefore(lists, T)).toBeUndefined();
		const { state } = evaluateNewItems(undefined, 'k', [item('a', -2)], T, undefined, unlistedBefore(lists, T));
		expect(evaluateNewItems(state, 'k', [item('a', -2), item('late', -5)], T + 60_000).fresh.map((entry) => entry.id)).toEqual(['late']);
	});

	it('unlistedBefore: just after the oldest item of each full list, the latest of them', () => {
		expect(unlistedBefore([{ items: [item('a', -2), item('b', -4)], more: true }, { items: [item('c', -1)], more: false }, { items: [], more: true }], T)).toBe(T - 240_000 + 1);
		expect(unlistedBefore([{ items: [item('a', -2)], more: true }, { items: [item('b', -3)], more: true }], T)).toBe(T - 120_000 + 1);
	});

	it('items older than the starting point never fire (a full first page: what lies beyond it is older)', () => {
		const { state } = evaluateNewItems(undefined, 'k', [item('a', -2)], T, undefined, T - 120_000 + 1);
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
		expect(state.floor).toBe(T); // the oldest kept second, not past it
	});

	it('a broken stored value is no state', () => {
		const { state } = evaluateNewItems(undefined, 'search:coffee', [item('a', 0)], T);
		expect(usableState({ key: 'k', floor: 'x', seen: [] }, 'k')).toBeUndefined();
		expect(usableState('nonsense', 'k')).toBeUndefined();
		expect(usableState(state, 'search:coffee')).toBe(state as NewItemsState);
	});

	it('another watch (the keyword changed while active) continues from the grace period before the saved state, with nothing saved in between', () => {
		const { state: saved } = evaluateNewItems(undefined, 'search:coffee', [item('a', 0)], T);
		expect(usableState(saved, 'search:tea')).toEqual({ key: 'search:tea', floor: T - START_GRACE_MS, seen: [], savedAt: T });
		// Quiet polls of the new watch change nothing that must be saved: each derives the same starting point from `saved`.
		const quiet = evaluateNewItems(saved, 'search:tea', [item('old tea', -60)], T + 3_600_000);
		expect(quiet).toMatchObject({ fresh: [], started: false });
		expect(evaluateNewItems(saved, 'search:tea', [item('old tea', -60)], T + 7_200_000).fresh).toEqual([]);
		// A post of the new watch published after the saved state fires, whenever the poll comes; firing saves the new watch.
		const fired = evaluateNewItems(saved, 'search:tea', [item('tea', 90), item('old tea', -60)], T + 7_200_000);
		expect(fired.fresh.map((entry) => entry.id)).toEqual(['tea']);
		expect(fired.state).toEqual({ key: 'search:tea', floor: T - START_GRACE_MS, seen: [['tea', T + 90 * 60_000]], savedAt: T + 7_200_000 });
		expect(evaluateNewItems(fired.state, 'search:tea', [item('tea', 90)], T + 7_300_000).fresh).toEqual([]);
	});

	it('a state saved without savedAt: its newest known time stands in for it', () => {
		expect(usableState({ key: 'mentions', floor: T - START_GRACE_MS, seen: [['a', T + 60_000]] }, 'replies:conversation')).toEqual({ key: 'replies:conversation', floor: T + 60_000 - START_GRACE_MS, seen: [], savedAt: T + 60_000 });
	});

	it('an item without a timestamp counts as now: it fires once if unseen', () => {
		const { state } = evaluateNewItems(undefined, 'k', [], T);
		const next = evaluateNewItems(state, 'k', [{ id: 'n' }], T + 1000);
		expect(next.fresh).toEqual([{ id: 'n' }]);
		expect(evaluateNewItems(next.state, 'k', [{ id: 'n' }], T + 2000).fresh).toEqual([]);
	});
});
