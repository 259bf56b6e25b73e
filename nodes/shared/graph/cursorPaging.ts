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
	const next = page.paging?.next;
	if (!next) return undefined;
	try {
		return new URL(next).searchParams.get('after') ?? undefined;
	} catch {
		return undefined;
	}
}

export class RepeatedCursorError extends Error {
	constructor(readonly cursor: string) {
		super(`Meta sent the same page cursor twice ("${cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor}"): stopped paging instead of looping`);
	}
}

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
}

export async function walkPages<Item>(walk: PageWalk<Item>): Promise<void> {
	let kept = 0;
	let after: string | undefined;
	let listSendsNext = false;
	const seen = new Set<string>();
	for (;;) {
		const qs: Record<string, unknown> = { ...walk.qs, limit: Math.min(walk.pageSizeMax, walk.limit - kept) };
		if (after) qs.after = after;
		const page = await walk.fetchPage(qs);
		const data = Array.isArray(page.data) ? page.data : [];
		kept += walk.onPage(data.slice(0, walk.limit - kept));
		if (kept >= walk.limit || walk.stop?.()) return;

		const next = nextCursorOf(page, data.length > 0, listSendsNext);
		// Only a page with items tells how this list signals "more": an empty page with `next` is a filtered page.
		listSendsNext ||= Boolean(page.paging?.next) && data.length > 0;
		if (!next) return;
		if (seen.has(next)) throw new RepeatedCursorError(next);
		seen.add(next);
		after = next;
	}
}

function nextCursorOf(page: GraphPage<unknown>, hasItems: boolean, listSendsNext: boolean): string | undefined {
	if (page.paging?.next) return afterCursorOf(page);
	if (listSendsNext || !hasItems) return undefined;
	return page.paging?.cursors?.after;
}
