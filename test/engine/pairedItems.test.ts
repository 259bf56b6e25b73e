/**
 * Every output row names the input item it came from, for every operation, with several
 * uneven input items: n8n can then follow `$('Start').item` downstream. Each case checks the
 * pairing n8n stored and what a downstream expression reads through it.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { outputOf, rawAnswer, runThreads, useSimulator } from './fixtures';

const frozenNow = Date.now();
const threads = useSimulator({ now: () => frozenNow });

const TAGS = ['a', 'b', 'c'];
const pairedIndexes = (items: INodeExecutionData[]) => items.map((item) => (item.pairedItem as { item: number }).item);
const ECHO_TAG = "={{ $('Start').item.json.tag }}";

async function threeItemRun(parameters: INodeParameters, input: object[]) {
	const result = await runThreads(threads, { parameters, input: input.map((json, index) => ({ tag: TAGS[index], ...json })), echo: ECHO_TAG });
	expect(result.error).toBeUndefined();
	const rows = outputOf(result, 'Threads');
	// Downstream, each row's pairing leads back to its own input item.
	expect(outputOf(result, 'Echo').map((item) => item.json.value)).toEqual(pairedIndexes(rows).map((index) => TAGS[index]));
	return { result, rows };
}

async function postIds(count: number): Promise<string[]> {
	return (await rawAnswer(threads, `/v1.0/me/threads?fields=id,media_type&limit=${count + 5}`)).data
		.filter((post: { media_type: string }) => post.media_type !== 'REPOST_FACADE')
		.slice(0, count)
		.map((post: { id: string }) => post.id);
}

describe('every row is paired with its input item (3 uneven items)', () => {
	it('Thread → List: 1, 3 and 2 posts', async () => {
		const { rows } = await threeItemRun({ resource: 'thread', operation: 'list', limit: '={{ $json.n }}' }, [{ n: 1 }, { n: 3 }, { n: 2 }]);
		expect(pairedIndexes(rows)).toEqual([0, 1, 1, 1, 2, 2]);
	});

	it('Thread → List with Include Insights: 2, 1 and 3 posts', async () => {
		const { rows } = await threeItemRun(
			{ resource: 'thread', operation: 'list', limit: '={{ $json.n }}', includeInsights: ['likes'] },
			[{ n: 2 }, { n: 1 }, { n: 3 }],
		);
		expect(pairedIndexes(rows)).toEqual([0, 0, 1, 2, 2, 2]);
		expect(rows.every((row) => 'likes' in row.json)).toBe(true);
	});

	it('Profile → Get Posts: 2, 1 and 3 posts of different profiles', async () => {
		const { rows } = await threeItemRun(
			{ resource: 'profile', operation: 'getPosts', username: '={{ $json.user }}', limit: '={{ $json.n }}' },
			[
				{ user: 'meta', n: 2 },
				{ user: 'threads', n: 1 },
				{ user: 'meta', n: 3 },
			],
		);
		expect(pairedIndexes(rows)).toEqual([0, 0, 1, 2, 2, 2]);
	});

	it('User → Get Insights (views: one row per day): 1, 3 and 2 days', async () => {
		const day = (offset: number) => new Date(frozenNow - offset * 86400_000).toISOString().slice(0, 10);
		const { rows } = await threeItemRun(
			{ resource: 'user', operation: 'getInsights', metrics: ['views'], dateRange: 'custom', since: '={{ $json.since }}', until: '={{ $json.until }}' },
			[
				{ since: day(3), until: day(3) },
				{ since: day(5), until: day(3) },
				{ since: day(4), until: day(3) },
			],
		);
		const counts = [0, 1, 2].map((index) => pairedIndexes(rows).filter((paired) => paired === index).length);
		// Each item's daily rows are its own (how many days a range covers is issue #12's to settle).
		expect(counts[1]).toBeGreaterThan(counts[2]);
		expect(counts[2]).toBeGreaterThan(counts[0]);
		expect(pairedIndexes(rows)).toEqual([...pairedIndexes(rows)].sort());
	});

	it('Media → Get and Get Insights: one row per item, each its own post', async () => {
		const ids = await postIds(3);
		const input = ids.map((id) => ({ id }));
		for (const operation of ['get', 'getInsights']) {
			const { rows } = await threeItemRun({ resource: 'media', operation, mediaId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, input);
			expect(rows.map((row) => row.json.id)).toEqual(ids);
			expect(pairedIndexes(rows)).toEqual([0, 1, 2]);
		}
	});

	it('Profile → Get: one row per username', async () => {
		const { rows } = await threeItemRun({ resource: 'profile', operation: 'get', username: '={{ $json.user }}' }, [{ user: 'meta' }, { user: 'threads' }, { user: '@instagram' }]);
		expect(rows.map((row) => row.json.username)).toEqual(['meta', 'threads', 'instagram']);
		expect(pairedIndexes(rows)).toEqual([0, 1, 2]);
	});

	it('On Error → Continue (using error output): good rows and the error row each keep their item', async () => {
		const result = await runThreads(threads, {
			input: [
				{ tag: 'a', n: 2 },
				{ tag: 'b', n: 0 },
				{ tag: 'c', n: 1 },
			],
			onError: 'continueErrorOutput',
			parameters: { resource: 'thread', operation: 'list', limit: '={{ $json.n }}' },
		});
		expect(result.error).toBeUndefined();
		expect(pairedIndexes(outputOf(result, 'Threads', 0))).toEqual([0, 0, 2]);
		const errors = outputOf(result, 'Threads', 1);
		expect(pairedIndexes(errors)).toEqual([1]);
		expect(String(errors[0].json.error)).toMatch(/"Limit" must be a whole number of at least 1/);
		// The error row carries the failed item's own data, as n8n's error output does.
		expect(errors[0].json.tag).toBe('b');
	});
});
