/**
 * Newest-first cursor paging, shared by the list endpoints of both simulators (Threads
 * /threads and /profile_posts, Instagram /media and /stories), with the paging faults.
 *
 * The last page has no `after` cursor; an empty page is `{ data: [] }` without `paging`.
 * Besides the item cursors of params.ts there are start cursors ("the page that starts at this
 * item"), which only the paging faults hand out: requesting `after=<start cursor>` answers the
 * page that begins at that item (or at the first item of the list).
 */
import { errors } from './errors';
import type { PagingFaultKind } from './faults';
import { decodeCursor, encodeCursor } from './params';

/** Decoded start cursors begin with this (item ids never do). */
const START = '@';

export interface PageSettings {
	/** The request's parameters: `after`, `before` are read here. */
	params: Record<string, string>;
	/** Items per page, already validated. */
	limit: number;
	/** Add `paging.next` (and `previous` after the first page). */
	links: boolean;
	/** This request's URL with the given cursor instead of its own. */
	url: (name: 'before' | 'after', cursor: string) => string;
	/**
	 * `repeatCursor`: the page carries, as `after` (and in `next` when links are on), the cursor
	 * it was requested with (or, when requested without `after`, a start cursor that asks for this
	 * same page), so a client that follows it asks for the same page again.
	 * `emptyPageWithNext`: `{ data: [] }` with `paging.cursors.after` and `paging.next` (always)
	 * asking for the page this request would have got, so nothing is lost by following it.
	 */
	fault?: PagingFaultKind;
}

export function encodeStartCursor(id?: string): string {
	return encodeCursor(START + (id ?? ''));
}

/** One page of `items` (already filtered and sorted newest first). */
export function cursorPage<T extends { id: string }>(items: T[], settings: PageSettings, render: (item: T) => unknown): unknown {
	const q = settings.params;
	const limit = settings.limit;
	if (q.after !== undefined && q.before !== undefined) throw errors.param('Only one of the before and after cursors can be used');
	const indexOf = (name: 'before' | 'after') => {
		const id = decodeCursor(name, q[name]);
		const startCursor = name === 'after' && id.startsWith(START);
		const target = startCursor ? id.slice(START.length) : id;
		const index = startCursor && target === '' ? 0 : items.findIndex((item) => item.id === target);
		if (index < 0) throw errors.param(`The ${name} cursor is not valid`);
		// A start cursor names the page's first item; an after cursor the item before the page.
		return startCursor ? index - 1 : index;
	};
	let start = 0;
	let end = Math.min(limit, items.length);
	if (q.after !== undefined) {
		start = indexOf('after') + 1;
		end = Math.min(start + limit, items.length);
	} else if (q.before !== undefined) {
		end = indexOf('before');
		start = Math.max(0, end - limit);
	}
	const page = items.slice(start, end);
	// The cursor that asks for this same page again.
	const again = () => q.after ?? encodeStartCursor(start === 0 ? undefined : items[start].id);

	if (settings.fault === 'emptyPageWithNext') {
		const after = again();
		return { data: [], paging: { cursors: { after }, next: settings.url('after', after) } };
	}
	const repeat = settings.fault === 'repeatCursor';
	if (page.length === 0 && !repeat) return { data: [] };
	const cursors: Record<string, string> = {};
	if (page.length > 0) cursors.before = encodeCursor(page[0].id);
	if (repeat) cursors.after = again();
	else if (end < items.length) cursors.after = encodeCursor(page[page.length - 1].id);
	const paging: Record<string, unknown> = { cursors };
	if (settings.links) {
		if (cursors.after) paging.next = settings.url('after', cursors.after);
		if (start > 0 && cursors.before) paging.previous = settings.url('before', cursors.before);
	}
	return { data: page.map(render), paging };
}

/** A list request's URL with another cursor (for `paging.next` / `previous`), never with a token in it. */
export function pagingUrl(host: string, path: string, urlQuery: URLSearchParams, name: 'before' | 'after', cursor: string): string {
	const query = new URLSearchParams(urlQuery);
	query.delete('before');
	query.delete('after');
	query.delete('access_token');
	query.set(name, cursor);
	return `${host}${path}?${query.toString()}`;
}
