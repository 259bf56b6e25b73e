import type { GraphPage } from '../../nodes/shared/graph/cursorPaging';
import { BrokenPagingError, RepeatedCursorError, walkPages } from '../../nodes/shared/graph/cursorPaging';

/** A list of `total` items served `limit` at a time by an opaque `after` cursor, recording each request. */
function fakeList(total: number) {
	const requests: Array<Record<string, unknown>> = [];
	const fetchPage = async (qs: Record<string, unknown>): Promise<GraphPage<number>> => {
		requests.push(qs);
		const start = qs.after ? Number(qs.after) : 0;
		const data = Array.from({ length: Math.max(0, Math.min(Number(qs.limit), total - start)) }, (_, i) => start + i);
		const next = start + data.length;
		return { data, paging: next < total ? { cursors: { after: String(next) } } : {} };
	};
	return { requests, fetchPage };
}

describe('walkPages', () => {
	it('asks each page only for what is still missing: 120 of 250 = 100 + 20', async () => {
		const list = fakeList(250);
		const seen: number[] = [];
		await walkPages({ qs: { fields: 'id' }, limit: 120, pageSizeMax: 100, fetchPage: list.fetchPage, onPage: (d) => seen.push(...d) && d.length });
		expect(list.requests).toEqual([{ fields: 'id', limit: 100 }, { fields: 'id', limit: 20, after: '100' }]);
		expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => i));
	});

	it('walks every page once without a limit, and stops at the page without a cursor', async () => {
		const list = fakeList(230);
		let count = 0;
		await walkPages({ qs: {}, limit: Infinity, pageSizeMax: 100, fetchPage: list.fetchPage, onPage: (d) => (count += d.length, d.length) });
		expect(count).toBe(230);
		expect(list.requests).toHaveLength(3);
	});

	it('an answer with only a `paging.next` link (no cursors) still pages, by that link\'s `after`', async () => {
		const requests: Array<Record<string, unknown>> = [];
		const pages: Array<GraphPage<number>> = [
			{ data: [1, 2], paging: { next: 'https://graph.threads.net/v1.0/me/threads?fields=id&limit=2&after=QVFI' } },
			{ data: [3], paging: {} },
		];
		const seen: number[] = [];
		await walkPages({
			qs: {},
			limit: Infinity,
			pageSizeMax: 2,
			fetchPage: async (qs) => (requests.push(qs), pages[requests.length - 1]),
			onPage: (d) => seen.push(...d) && d.length,
		});
		expect(requests).toEqual([{ limit: 2 }, { limit: 2, after: 'QVFI' }]);
		expect(seen).toEqual([1, 2, 3]);
	});

	it('counts only the items the caller kept, and stops when asked', async () => {
		const list = fakeList(500);
		// Keeping every other item: each next page asks for exactly what is still missing.
		await walkPages({ qs: {}, limit: 150, pageSizeMax: 100, fetchPage: list.fetchPage, onPage: (d) => d.filter((n) => n % 2 === 0).length });
		expect(list.requests.map((qs) => qs.limit)).toEqual([100, 100, 50, 25, 12, 6, 3, 2, 1]);
		const stopped = fakeList(500);
		await walkPages({ qs: {}, limit: Infinity, pageSizeMax: 100, fetchPage: stopped.fetchPage, onPage: (d) => d.length, stop: () => true });
		expect(stopped.requests).toHaveLength(1);
	});

	/** Serves fixed pages in order, recording each request. */
	function scripted(pages: Array<GraphPage<number>>) {
		const requests: Array<Record<string, unknown>> = [];
		const seen: number[] = [];
		const walk = async () =>
			await walkPages({
				qs: {},
				limit: Infinity,
				pageSizeMax: 2,
				fetchPage: async (qs) => (requests.push(qs), pages[requests.length - 1] ?? { data: [] }),
				onPage: (d) => seen.push(...d) && d.length,
			});
		return { requests, seen, walk };
	}
	const link = (after: string) => `https://graph.threads.net/v1.0/me/threads?limit=2&after=${after}`;

	it('an empty page that still has `next` is followed, not taken as the end', async () => {
		const list = scripted([
			{ data: [], paging: { cursors: { after: 'A' }, next: link('A') } },
			{ data: [1, 2], paging: { cursors: { after: 'B' } } },
			{ data: [3], paging: {} },
		]);
		await list.walk();
		expect(list.seen).toEqual([1, 2, 3]);
		expect(list.requests.map((qs) => qs.after)).toEqual([undefined, 'A', 'B']);
	});

	it('once pages with items carry `next`, an answer without it is the last: no request for an empty page', async () => {
		const list = scripted([
			{ data: [1, 2], paging: { cursors: { after: 'A' }, next: link('A') } },
			{ data: [3], paging: { cursors: { after: 'B' } } },
		]);
		await list.walk();
		expect(list.seen).toEqual([1, 2, 3]);
		expect(list.requests).toHaveLength(2);
	});

	it('while no page carried `next`, a page with items and an `after` cursor leads on; an empty page ends', async () => {
		const list = scripted([{ data: [1, 2], paging: { cursors: { after: 'A' } } }, { data: [], paging: { cursors: { after: 'B' } } }]);
		await list.walk();
		expect(list.requests).toHaveLength(2);
	});

	it('a cursor Meta already sent stops with an error naming it, instead of looping', async () => {
		const list = scripted([
			{ data: [1, 2], paging: { cursors: { after: 'A' } } },
			{ data: [3, 4], paging: { cursors: { after: 'B' } } },
			{ data: [1, 2], paging: { cursors: { after: 'A' } } },
		]);
		await expect(list.walk()).rejects.toThrow(RepeatedCursorError);
		await expect(scripted([{ data: [1], paging: { cursors: { after: 'Z' } } }, { data: [1], paging: { cursors: { after: 'Z' } } }]).walk()).rejects.toThrow(
			'Meta sent the same page cursor twice ("Z")',
		);
		expect(list.requests).toHaveLength(3);
	});
});

describe('walkPages against broken paging', () => {
	it('a `next` link without an after cursor (time-based paging) is followed as it is, without its token', async () => {
		const requests: Array<Record<string, unknown>> = [];
		const pages: Array<GraphPage<number>> = [
			{ data: [1, 2], paging: { next: 'https://graph.threads.net/v1.0/me/threads?fields=id&limit=2&until=1700000000&__paging_token=P2&access_token=SECRET' } },
			{ data: [3], paging: {} },
		];
		await walkPages({ qs: { fields: 'id' }, limit: Infinity, pageSizeMax: 2, fetchPage: async (qs) => (requests.push(qs), pages[requests.length - 1]), onPage: (d) => d.length });
		expect(requests).toEqual([
			{ fields: 'id', limit: 2 },
			{ fields: 'id', limit: 2, until: '1700000000', __paging_token: 'P2' },
		]);
	});

	it('a `next` that is not a link, with no cursor, is an error, not a silent end', async () => {
		const fetchPage = async (): Promise<GraphPage<number>> => ({ data: [1], paging: { next: 'page-2' } });
		await expect(walkPages({ qs: {}, limit: Infinity, pageSizeMax: 2, fetchPage, onPage: (d) => d.length })).rejects.toThrow(BrokenPagingError);
	});

	it('new cursors on pages of items already sent: an error after one repeated page', async () => {
		let n = 0;
		const fetchPage = async (): Promise<GraphPage<number>> => ({ data: [1, 2], paging: { cursors: { after: `c${++n}` } } });
		await expect(walkPages({ qs: {}, limit: Infinity, pageSizeMax: 2, fetchPage, onPage: (d) => d.length, idOf: String })).rejects.toThrow(
			'Meta sent a page of items it had already sent',
		);
		expect(n).toBe(2);
	});
});
