/**
 * Faults from the network and from Meta, through n8n's engine: each has a clear outcome, a
 * bounded time and exact request counts, and nothing is lost silently.
 */
import type { SimulatedErrorKind } from '../simulator/threadsSimulator';
import { createPoller } from '../harness/runPoll';
import { oauth2Credential, outputOf, rawAnswer, requestLines, runThreads, useSimulator } from './fixtures';

const frozenNow = Date.now();
const threads = useSimulator({ now: () => frozenNow });

async function firstPostId(): Promise<string> {
	return (await rawAnswer(threads, '/v1.0/me/threads?fields=id&limit=1')).data[0].id;
}

async function allPostIds(): Promise<string[]> {
	const ids: string[] = [];
	let after: string | undefined;
	do {
		const page = await rawAnswer(threads, `/v1.0/me/threads?fields=id&limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
		ids.push(...page.data.map((post: { id: string }) => post.id));
		after = page.data.length ? page.paging?.cursors?.after : undefined;
	} while (after);
	return ids;
}

// A short timeout so the hang cases take well under a second per try.
const FAST = { timeout: 0.3, maxRateLimitWait: 5 };
const mediaGet = (id: string) => ({ resource: 'media', operation: 'get', mediaId: { __rl: true, mode: 'id', value: id }, fields: ['id', 'text'], options: FAST });
const mediaInsights = (id: string) => ({ resource: 'media', operation: 'getInsights', mediaId: { __rl: true, mode: 'id', value: id }, metrics: ['likes'], options: FAST });

const TRANSIENT: Array<[SimulatedErrorKind, RegExp]> = [
	['serverError', /temporary problem/],
	['unknownError', /temporary problem/],
	['serviceUnavailable', /temporary problem/],
	['serverErrorNoBody', /temporary problem/],
	['htmlError', /temporary problem/],
	['reset', /^Threads: The connection to Meta failed \(ECONNRESET\)$/],
	['hang', /^Threads: Meta did not answer within 0.3 s$/],
	['emptyBody', /^Threads: Meta's answer was empty$/],
	['malformedJson', /^Threads: Meta's answer was not valid JSON$/],
];

describe('transient faults are retried the same way by every operation', () => {
	it.each(TRANSIENT)('%s once: Media → Get still gives the row, with one extra request', async (kind) => {
		const id = await firstPostId();
		const expected = await rawAnswer(threads, `/v1.0/${id}?fields=id,text`);
		threads.sim.failNext({ kind });
		const result = await runThreads(threads, { parameters: mediaGet(id) });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([{ id, text: expected.text }]);
		expect(threads.sim.requests).toHaveLength(2);
	});

	it.each(TRANSIENT)('%s every time: a clear error after 3 tries, never a row', async (kind, message) => {
		const id = await firstPostId();
		threads.sim.failNext({ kind, times: 10 });
		const result = await runThreads(threads, { parameters: mediaGet(id) });
		expect(result.error?.message).toMatch(message);
		expect(result.items).toEqual([]);
		expect(threads.sim.requests).toHaveLength(3);
	});

	it('a request that never answers says so in the headline, with what to do', async () => {
		const id = await firstPostId();
		threads.sim.failNext({ kind: 'hang', times: 10 });
		const result = await runThreads(threads, { parameters: mediaInsights(id) });
		expect(result.error?.message).toBe('Threads: Meta did not answer within 0.3 s');
		expect((result.error as { description?: string }).description).toBe(
			'Tried 3 times; this is usually temporary: run the workflow again later. If it keeps happening, raise Options → Timeout (Seconds).',
		);
		expect(threads.sim.requests).toHaveLength(3);
	});

	it('an answer that is not valid JSON names that; a list answer whose data is not a list is not a TypeError', async () => {
		const id = await firstPostId();
		threads.sim.failNext({ kind: 'malformedJson', times: 10 });
		const malformed = await runThreads(threads, { parameters: mediaInsights(id) });
		expect(malformed.error?.message).toBe("Threads: Meta's answer was not valid JSON");
		threads.sim.reset();
		threads.sim.failNext({ kind: 'dataNotArray', times: 10 });
		const notList = await runThreads(threads, { parameters: mediaInsights(id) });
		expect(notList.error?.message).toBe('Threads: Meta\'s answer was not valid: its "data" is not a list');
		expect(threads.sim.requests).toHaveLength(3);
	});

	it('dataNotArray once on Get Insights is retried and gives the right row', async () => {
		const id = await firstPostId();
		const raw = await rawAnswer(threads, `/v1.0/${id}/insights?metric=likes`);
		threads.sim.failNext({ kind: 'dataNotArray' });
		const result = await runThreads(threads, { parameters: mediaInsights(id) });
		expect(result.items).toEqual([{ id, likes: raw.data[0].values[0].value }]);
		expect(threads.sim.requests).toHaveLength(2);
	});

	it('Profile → Get and User → Get Insights retry too (one request path)', async () => {
		threads.sim.failNext({ kind: 'serverError', path: /profile_lookup/ });
		const profile = await runThreads(threads, { parameters: { resource: 'profile', operation: 'get', username: 'meta', options: FAST } });
		expect(profile.items[0]?.username).toBe('meta');
		expect(threads.sim.requests).toHaveLength(2);
		threads.sim.reset();
		threads.sim.failNext({ kind: 'reset', path: /threads_insights/ });
		const user = await runThreads(threads, { parameters: { resource: 'user', operation: 'getInsights', metrics: ['likes'], options: FAST } });
		expect(user.error).toBeUndefined();
		expect(user.items).toHaveLength(1);
		expect(threads.sim.requests).toHaveLength(2);
	});
});

describe('paging: the end is what Meta signals, pages are never lost', () => {
	it('a fault on page 2 of Return All retries that page only; every post arrives once', async () => {
		const ids = await allPostIds();
		expect(ids.length).toBeGreaterThan(100);
		threads.sim.failNext({ kind: 'serviceUnavailable', path: /\/me\/threads\?.*after=/ });
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', returnAll: true, fields: ['id'], options: FAST } });
		expect(result.items.map((row) => row.id)).toEqual(ids);
		expect(threads.sim.requests).toHaveLength(Math.ceil(ids.length / 100) + 1);
	});

	it('an empty page that still has `next` is followed, not taken as the end', async () => {
		const ids = await allPostIds();
		threads.sim.failNext({ kind: 'emptyPageWithNext', path: /\/me\/threads/ });
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', returnAll: true, fields: ['id'] } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((row) => row.id)).toEqual(ids);
		expect(threads.sim.requests).toHaveLength(Math.ceil(ids.length / 100) + 1);
	});

	it('a cursor that repeats stops with an error naming it, after a bounded number of requests', async () => {
		threads.sim.failNext({ kind: 'repeatCursor', path: /\/me\/threads/, times: 5 });
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', returnAll: true, fields: ['id'] } });
		expect(result.error?.message).toMatch(/Meta sent the same page cursor twice \(".+"\): stopped paging instead of looping/);
		expect(result.items).toEqual([]);
		expect(threads.sim.requests.length).toBeLessThanOrEqual(3);
	});

	it('a list answer whose data is not a list fails the item after 3 tries, never an empty sheet', async () => {
		threads.sim.failNext({ kind: 'dataNotArray', path: /\/me\/threads/, times: 10 });
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', limit: 5, options: FAST } });
		expect(result.error?.message).toMatch(/"data" is not a list/);
		expect(requestLines(threads.sim)).toHaveLength(3);
	});
});

describe('the triggers use the same transport', () => {
	const recentViews = { watch: 'recentPosts', recentScope: 'days', recentDays: 3650, postMetrics: ['views'], condition: 'above', threshold: 1, options: { timeout: 0.3 } };

	it('a reset and an empty answer during a poll are retried; the poll completes', async () => {
		const poller = createPoller(recentViews, oauth2Credential(threads.token));
		threads.sim.failNext({ kind: 'reset', path: /\/me\/threads/ });
		threads.sim.failNext({ kind: 'emptyBody', path: /\/insights/ });
		expect(await poller.poll()).toBeNull();
		const ids = await allPostIds();
		const persisted = JSON.parse(poller.persisted) as { node: Record<string, { crossings: unknown }> };
		expect(JSON.stringify(persisted)).toContain(ids[0]);
	});

	it('a repeated cursor stops the poll with the error, and nothing is marked as seen', async () => {
		const poller = createPoller(recentViews, oauth2Credential(threads.token));
		threads.sim.failNext({ kind: 'repeatCursor', path: /\/me\/threads/, times: 5 });
		await expect(poller.poll()).rejects.toThrow(/same page cursor twice/);
		expect(poller.persisted).toBe('{}');
	});
});

describe('Continue on Fail with faults', () => {
	it('one item whose post keeps failing becomes an error row; the others are complete and paired', async () => {
		const ids = (await allPostIds()).slice(0, 3);
		threads.sim.failNext({ kind: 'htmlError', path: new RegExp(`/${ids[1]}/insights`), times: 10 });
		const result = await runThreads(threads, {
			input: ids.map((id) => ({ id })),
			continueOnFail: true,
			parameters: { ...mediaInsights('={{ $json.id }}') },
		});
		expect(result.error).toBeUndefined();
		const rows = outputOf(result, 'Threads');
		expect(rows.map((row) => row.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(rows[0].json.id).toBe(ids[0]);
		expect(String(rows[1].json.error)).toMatch(/temporary problem/);
		expect(rows[2].json.id).toBe(ids[2]);
	});
});
