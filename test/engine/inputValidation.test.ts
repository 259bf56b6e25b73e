/**
 * Bad input is refused before any request, naming the field and the fix; what a user pastes
 * is normalised where the intent is certain.
 */
import { requestLines, runThreads, useSimulator } from './fixtures';

const threads = useSimulator();

const mediaById = (value: string) => ({ __rl: true, mode: 'id', value });

describe('refused before any request, with the field and the fix', () => {
	it.each([0, -3, 2.5, 'abc', '={{ "" }}'])('Limit %p', async (limit) => {
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', limit } });
		expect(result.error?.message).toMatch(/"Limit" must be a whole number of at least 1/);
		expect((result.error as { description?: string }).description).toMatch(/Return All/);
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('a metric the operation does not have (from an expression) lists the valid ones', async () => {
		const result = await runThreads(threads, {
			parameters: { resource: 'media', operation: 'getInsights', mediaId: mediaById('123'), metrics: '={{ ["likes", "impressions"] }}' },
		});
		expect(result.error?.message).toMatch(/"Metrics" has a metric this operation does not have: impressions/);
		expect((result.error as { description?: string }).description).toBe('Valid: views, likes, replies, reposts, quotes, shares');
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('an Include Insights metric the lists do not have', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', includeInsights: '={{ "likes,clicks" }}' } });
		expect(result.error?.message).toMatch(/"Include Insights" has a metric this operation does not have: clicks/);
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('an ID expression that resolves to nothing', async () => {
		const result = await runThreads(threads, {
			input: [{ other: 1 }],
			parameters: { resource: 'media', operation: 'get', mediaId: mediaById('={{ $json.id }}') },
		});
		expect(result.error?.message).toBe('"Media" is empty');
		expect((result.error as { description?: string }).description).toMatch(/resolved to nothing for this item/);
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('a link that is not to a Threads post says what to paste', async () => {
		const result = await runThreads(threads, {
			input: [{ link: 'https://www.threads.net/@meta' }],
			parameters: { resource: 'media', operation: 'getInsights', mediaId: mediaById('={{ $json.link }}') },
		});
		expect(result.error?.message).toBe('"Media" is a link, but not to a Threads post');
		expect((result.error as { description?: string }).description).toMatch(/List step/);
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('Follower Demographics without a Breakdown', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'user', operation: 'getInsights', metrics: ['likes', 'follower_demographics'] } });
		expect(result.error?.message).toBe('Follower Demographics needs a "Breakdown": choose one of country, city, age, gender');
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('Engagement Rate without Include Insights', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', rowOptions: { engagementRate: true } } });
		expect(result.error?.message).toBe('"Engagement Rate" needs "Include Insights": add at least Views there');
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('a User ID that is not "me" or digits', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'user', operation: 'getInsights', metrics: ['likes'], userId: '@meta' } });
		expect(result.error?.message).toMatch(/"User ID" must be "me" or a Threads user ID/);
		expect(threads.sim.requests).toHaveLength(0);
	});

	it('with several items, one bad item stops the node before any item sends a request', async () => {
		const result = await runThreads(threads, {
			input: [{ n: 2 }, { n: 0 }, { n: 1 }],
			parameters: { resource: 'thread', operation: 'list', limit: '={{ $json.n }}' },
		});
		expect(result.error?.message).toMatch(/"Limit"/);
		expect((result.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
		expect(threads.sim.requests).toHaveLength(0);
	});
});

describe('accepted and normalised when the intent is certain', () => {
	it('metrics as a comma-separated text', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'user', operation: 'getInsights', metrics: '={{ "likes, replies" }}' } });
		expect(result.error).toBeUndefined();
		expect(requestLines(threads.sim)[0]).toMatch(/metric=likes,replies&/);
		expect(Object.keys(result.items[0])).toEqual(expect.arrayContaining(['likes', 'replies']));
	});

	it.each(['@meta', 'https://www.threads.net/@meta', 'https://www.threads.com/@meta/', ' meta '])('username %p → meta', async (username) => {
		const result = await runThreads(threads, { parameters: { resource: 'profile', operation: 'get', username } });
		expect(result.error).toBeUndefined();
		expect(requestLines(threads.sim)).toEqual(['GET /v1.0/profile_lookup?username=meta']);
	});

	it('a Limit given as a numeric text', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', limit: '={{ "3" }}' } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
	});
});
