/**
 * Which listed items are new, for the trigger's "New Items" watch. Pure: no n8n, no HTTP.
 *
 * n8n saves a poll trigger's state only after the activation poll and after a poll that emits;
 * a quiet poll's changes may be lost (on a restart, or at once under n8n's durable scheduler).
 * So the state changes only where something fires: a quiet poll has nothing it must keep, and
 * replaying polls from the last saved state neither loses nor repeats an event.
 *
 * State: a floor (ms; nothing published before it ever fires) and a bounded window of the ids
 * already seen, each with its timestamp, and when it was saved. The first poll sets the starting
 * point: what it lists is seen, and the floor is a grace period before now (Meta's clock and ours
 * differ, and a post can be listed a little after it was published); only when the first answer
 * was full (more, older items may exist that it did not list) is the floor just after the oldest
 * item listed, if that is later. An item fires when it is not in the window and not older than
 * the floor. When the window overflows, the oldest ids leave it and the floor rises to the oldest
 * id kept, so a dropped id can never fire again.
 *
 * Another watch (the keyword or Watch For changed while active, e.g. a keyword from an
 * expression) cannot "start over" like the first poll: that poll emits nothing, so n8n does not
 * save it, and every later poll would start over again and never fire. Instead it continues
 * from a starting point derived only from what was saved: the grace period before the time the
 * previous watch's state was saved, with no ids seen. Every poll until one fires derives the same
 * starting point, so items of the new watch published since then fire (once: firing saves), and
 * nothing depends on a quiet poll being saved. The cost: posts of the new watch published since
 * the previous state was saved (at most the 5 pages a poll reads) fire on its first poll.
 */

export interface ListedItem {
	id: string;
	/** Publish time, ms epoch (NaN or undefined: unknown, taken as now). */
	at?: number;
}

export interface NewItemsState {
	/** What is watched (source and query): another watch starts over. */
	key: string;
	floor: number;
	/** [id, ms] pairs, newest first. */
	seen: Array<[string, number]>;
	/** When this state was made (ms; the state changes only where n8n saves it). */
	savedAt?: number;
}

/** Ids kept per watch: enough for a busy hour of mentions, small enough for n8n's static data. */
export const SEEN_WINDOW = 300;
/** How far before the first poll a post may be dated and still count as new if it was not listed then. */
export const START_GRACE_MS = 10 * 60_000;

export interface NewItemsResult<Item extends ListedItem> {
	/** New items, oldest first (the order they happened). */
	fresh: Item[];
	/** The state to keep; equal to the previous one when nothing fired (nothing to save). */
	state: NewItemsState;
	/** True when this poll set the starting point (first poll, or another watch). */
	started: boolean;
}

/**
 * The state this poll starts from: the saved one; for another watch, one derived from the saved
 * state of the previous watch (see above); undefined when there is none and this poll must set
 * the starting point.
 */
export function usableState(previous: unknown, key: string): NewItemsState | undefined {
	const state = previous as NewItemsState | undefined;
	if (!state || typeof state !== 'object' || typeof state.key !== 'string' || !Number.isFinite(state.floor) || !Array.isArray(state.seen)) return undefined;
	if (state.key === key) return state;
	// A state saved before savedAt existed: its newest known time stands in for it.
	const savedAt = Number.isFinite(state.savedAt) ? Number(state.savedAt) : Math.max(state.floor + START_GRACE_MS, ...state.seen.map(([, at]) => at));
	return { key, floor: savedAt - START_GRACE_MS, seen: [], savedAt };
}

/**
 * For the first poll: the time before which items may exist that it did not list, i.e. just
 * after the oldest item of each list whose answer was full (or said more followed); undefined
 * when every list was read to its end.
 */
export function unlistedBefore(lists: Array<{ items: ListedItem[]; more: boolean }>, now: number): number | undefined {
	const bounds = lists.filter((list) => list.more && list.items.length).map((list) => Math.min(...list.items.map((item) => timeOf(item, now))) + 1);
	return bounds.length ? Math.max(...bounds) : undefined;
}

/** Whether an item has been seen or is older than the floor: in a newest-first list, what follows is not new. */
export function isKnown(state: NewItemsState, item: ListedItem, now: number): boolean {
	return state.seen.some(([id]) => id === item.id) || timeOf(item, now) < state.floor;
}

/**
 * `olderUnlisted` (first poll only): the time before which items may exist that this poll did not
 * list (see unlistedBefore); the floor is not below it, so such an item never fires later.
 */
export function evaluateNewItems<Item extends ListedItem>(previous: unknown, key: string, listed: Item[], now: number, window = SEEN_WINDOW, olderUnlisted?: number): NewItemsResult<Item> {
	const state = usableState(previous, key);
	if (!state) {
		// The starting point: everything listed now is "already there", and so is anything older than an unread page.
		const seen = unique(listed).map((item): [string, number] => [item.id, timeOf(item, now)]);
		const floor = Math.max(now - START_GRACE_MS, olderUnlisted ?? Number.NEGATIVE_INFINITY);
		return { fresh: [], state: bounded({ key, floor, seen, savedAt: now }, window), started: true };
	}
	// Oldest first; items of the same second in the reverse of Meta's newest-first listing.
	const fresh = unique(listed)
		.map((item, index) => ({ item, index }))
		.filter(({ item }) => !isKnown(state, item, now))
		.sort((a, b) => timeOf(a.item, now) - timeOf(b.item, now) || b.index - a.index)
		.map(({ item }) => item);
	if (!fresh.length) return { fresh, state, started: false };
	const seen: Array<[string, number]> = [...fresh.map((item): [string, number] => [item.id, timeOf(item, now)]), ...state.seen];
	return { fresh, state: bounded({ key, floor: state.floor, seen, savedAt: now }, window), started: false };
}

/** At most `window` ids (more only when several share the oldest kept timestamp); the floor rises past the dropped ones. */
function bounded(state: NewItemsState, window: number): NewItemsState {
	const seen = [...state.seen].sort((a, b) => b[1] - a[1]);
	if (seen.length <= window) return { ...state, seen };
	const oldestKept = seen[window - 1][1];
	return { ...state, floor: Math.max(state.floor, oldestKept), seen: seen.filter(([, at]) => at >= oldestKept) };
}

function unique<Item extends ListedItem>(items: Item[]): Item[] {
	const ids = new Set<string>();
	return items.filter((item) => !ids.has(item.id) && ids.add(item.id));
}

function timeOf(item: ListedItem, now: number): number {
	return item.at !== undefined && Number.isFinite(item.at) ? item.at : now;
}
