/**
 * Walks a Graph list by its `after` cursor. Pure: the caller fetches the pages.
 *
 * Where the list ends is what Meta signals (its "Paginated Results" page: pages may be short
 * or even empty because of filtering; stop when `next` stops appearing). Meta's Threads
 * pages also say list answers may omit `paging.next`, so:
 * - a page with `next` leads on, even when it has no items;
 * - once a page of this list with items has carried `next`, an answer without it is the last;
 * - while no answer carried `next`, a page with items and an `after` cursor leads on;
 * - a cursor Meta already sent is an error (following it would loop forever).
 * Each page asks only for what is still missing (a limit of 120 is 100 + 20).
 */
export interface GraphPage<Item> {
	data?: Item[];
	paging?: { cursors?: { after?: string }; next?: string };
}

/** The page's `after` cursor; from `paging.next` when an answer carries only that link. */
export function afterCursorOf(page: GraphPage<unknown>): string | undefined {
	const cursor = page.paging?.cursors?.after;
	if (cursor) return cursor;
	const after = page.paging?.next ? linkParams(page.paging.next)?.after : undefined;
	return typeof after === 'string' ? after : undefined;
}

export class RepeatedCursorError extends Error {
	constructor(readonly cursor: string) {
		super(`Meta sent the same page cursor twice ("${cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor}"): stopped paging instead of looping`);
	}
}

/** A list answer that says there is more but gives no way to ask for it, or repeats itself. */
export class BrokenPagingError extends Error {}

export interface PageWalk<Item> {
	/** The list's own query (fields, since, until, ...); `limit` and `after` are added per page. */
	qs: Record<string, unknown>;
	/** How many items to keep in all (Infinity: every page). */
	limit: number;
	pageSizeMax: number;
	fetchPage(qs: Record<string, unknown>): Promise<GraphPage<Item>>;
	/** Takes a page's items (never more than still missing); returns how many of them it kept. */
	onPage(items: Item[]): number;
	/** Checked between pages: stop early (e.g. a sibling request failed for good). */
	stop?(): boolean;
	/** An item's identity: a page of items all seen before is Meta repeating itself, not more items. */
	idOf?(item: Item): string;
}

export async function walkPages<Item>(walk: PageWalk<Item>): Promise<void> {
	let kept = 0;
	let next: Record<string, unknown> = { ...walk.qs };
	let listSendsNext = false;
	const seenPages = new Set<string>();
	const seenItems = new Set<string>();
	for (;;) {
		const page = await walk.fetchPage({ ...next, limit: Math.min(walk.pageSizeMax, walk.limit - kept) });
		const data = Array.isArray(page.data) ? page.data : [];
		// Where this page leads, worked out first so a repeated cursor is named as such; a link that
		// cannot be followed only matters if more items are wanted.
		let query: Record<string, unknown> | undefined;
		let unfollowable: Error | undefined;
		try {
			query = nextQueryOf(page, data.length > 0, listSendsNext, walk.qs);
		} catch (error) {
			unfollowable = error as Error;
		}
		const key = query && JSON.stringify(query);
		if (key && seenPages.has(key)) throw new RepeatedCursorError(String(query?.after ?? key));
		if (walk.idOf && data.length) {
			const ids = data.map(walk.idOf);
			if (ids.every((id) => seenItems.has(id))) throw new BrokenPagingError('Meta sent a page of items it had already sent: stopped paging instead of looping');
			for (const id of ids) seenItems.add(id);
		}
		kept += walk.onPage(data.slice(0, walk.limit - kept));
		if (kept >= walk.limit || walk.stop?.()) return;
		if (unfollowable) throw unfollowable;
		// Only a page with items tells how this list signals "more": an empty page with `next` is a filtered page.
		listSendsNext ||= Boolean(page.paging?.next) && data.length > 0;
		if (!query || !key) return;
		seenPages.add(key);
		next = query;
	}
}

/** The query of the next page, or undefined at the end. */
function nextQueryOf(page: GraphPage<unknown>, hasItems: boolean, listSendsNext: boolean, listQuery: Record<string, unknown>): Record<string, unknown> | undefined {
	const link = page.paging?.next;
	if (link) {
		const after = afterCursorOf(page);
		if (after) return { ...listQuery, after };
		// A link without an `after` cursor (time-based paging: until, __paging_token): ask for it as it is.
		const params = linkParams(link);
		if (!params) throw new BrokenPagingError(`Meta's answer says there is a next page but its link cannot be followed ("${link.slice(0, 80)}")`);
		return params;
	}
	if (listSendsNext || !hasItems) return undefined;
	const after = page.paging?.cursors?.after;
	return after ? { ...listQuery, after } : undefined;
}

/** A `paging.next` link's query, without the token Meta puts in it (n8n signs every request itself). */
function linkParams(link: string): Record<string, unknown> | undefined {
	try {
		const url = new URL(link);
		const params: Record<string, unknown> = {};
		for (const [name, value] of url.searchParams) if (name !== 'access_token') params[name] = value;
		return Object.keys(params).length ? params : undefined;
	} catch {
		return undefined;
	}
}
