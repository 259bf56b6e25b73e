/**
 * Walks a Graph list by its `after` cursor. Pure: the caller fetches the pages.
 *
 * Meta's list answers may omit `paging.next`, so the cursor drives the loop (taken from
 * `paging.next` only when an answer has no `cursors.after`); each page asks
 * only for what is still missing (a limit of 120 is 100 + 20), and the last page is the one
 * without a cursor or without data.
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
	do {
		const qs: Record<string, unknown> = { ...walk.qs, limit: Math.min(walk.pageSizeMax, walk.limit - kept) };
		if (after) qs.after = after;
		const page = await walk.fetchPage(qs);
		const data = page.data ?? [];
		kept += walk.onPage(data.slice(0, walk.limit - kept));
		after = data.length ? afterCursorOf(page) : undefined;
	} while (after && kept < walk.limit && !walk.stop?.());
}
