import { DateTime } from 'luxon';

import { rawAnswer, requestLines, runThreads, useSimulator } from './fixtures';

// A frozen clock: insights grow with time, and a test compares a raw answer with the node's.
const frozenNow = Date.now();
const threads = useSimulator({ now: () => frozenNow });
const DEFAULT_FIELDS = 'id,media_type,permalink,text,timestamp,username,shortcode,is_quote_post';

async function allPostIds(): Promise<string[]> {
	const ids: string[] = [];
	let after: string | undefined;
	do {
		const page = await rawAnswer(threads, `/v1.0/me/threads?fields=id&limit=100${after ? `&after=${after}` : ''}`);
		ids.push(...page.data.map((p: { id: string }) => p.id));
		after = page.data.length ? page.paging?.cursors?.after : undefined;
	} while (after);
	return ids;
}

describe('Thread → List', () => {
	it('with a Limit asks only for what is missing: Limit 120 = 100 + 20, two requests', async () => {
		const ids = await allPostIds();
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', limit: 120 } });
		expect(result.items.map((row) => row.id)).toEqual(ids.slice(0, 120));
		const lines = requestLines(threads.sim);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toBe(`GET /v1.0/me/threads?fields=${DEFAULT_FIELDS}&limit=100`);
		expect(lines[1]).toMatch(new RegExp(`^GET /v1\\.0/me/threads\\?after=[^&]+&fields=${DEFAULT_FIELDS}&limit=20$`));
	});

	it('Limit 10 = one request for 10', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', limit: 10, fields: ['id'] } });
		expect(result.items).toHaveLength(10);
		expect(requestLines(threads.sim)).toEqual(['GET /v1.0/me/threads?fields=id&limit=10']);
	});

	it('Return All walks every page once, following the after cursor, newest first', async () => {
		const ids = await allPostIds();
		expect(ids.length).toBeGreaterThan(100);
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', returnAll: true, fields: ['id', 'timestamp'] } });
		expect(result.items.map((row) => row.id)).toEqual(ids);
		expect(threads.sim.requests).toHaveLength(Math.ceil(ids.length / 100));
		const times = result.items.map((row) => Date.parse(String(row.timestamp).replace(/(\d{2})(\d{2})$/, '$1:$2')));
		expect([...times].sort((a, b) => b - a)).toEqual(times);
		expect(result.output.Threads.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Last 7 Days sends the whole days before today, in the workflow timezone', async () => {
		const result = await runThreads(
			threads,
			{ parameters: { resource: 'thread', operation: 'list', returnAll: true, dateRange: 'last7Days', fields: ['id', 'timestamp'] } },
			{ timezone: 'America/New_York' },
		);
		const today = DateTime.now().setZone('America/New_York').startOf('day');
		const since = Math.floor(today.minus({ days: 7 }).toSeconds());
		const until = Math.floor(today.toSeconds()) - 1;
		expect(threads.sim.requests[0].query).toMatchObject({ since: String(since), until: String(until) });
		expect(result.items.length).toBeGreaterThan(0);
		for (const row of result.items) {
			const published = Date.parse(String(row.timestamp).replace(/(\d{2})(\d{2})$/, '$1:$2')) / 1000;
			expect(published).toBeGreaterThanOrEqual(since);
			expect(published).toBeLessThanOrEqual(until);
		}
	});

	it('flattens owner into owner_id; Simplify off keeps it nested', async () => {
		const simple = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', limit: 1, fields: ['id', 'owner'] } });
		expect(simple.items[0]).toEqual({ id: expect.any(String), owner_id: threads.userId });
		const raw = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', limit: 1, fields: ['id', 'owner'], simplify: false } });
		expect(raw.items[0]).toEqual({ id: simple.items[0].id, owner: { id: threads.userId } });
	});

	it.each([
		[{ dateRange: 'custom', since: '2025-02-01', until: '2025-01-01' }, /"Until" must be after "Since"/],
		[{ dateRange: 'custom', until: '2099-01-01' }, /"Until" is in the future/],
		[{ dateRange: 'custom', since: '2023-01-01' }, /"Since" is before July 5, 2023/],
	])('refuses %j before any request', async (range, message) => {
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', ...range } });
		expect(result.error?.message).toMatch(message);
		expect(threads.sim.requests).toHaveLength(0);
	});
});
