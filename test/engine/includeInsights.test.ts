import { rawAnswer, requestLines, runThreads, useSimulator } from './fixtures';

// A fixed clock: lifetime numbers grow with time.
const frozenNow = Date.now();
const threads = useSimulator({ latencyMs: 5, now: () => frozenNow });

async function allPosts(fields = 'id,media_type'): Promise<Array<{ id: string; media_type: string }>> {
	const posts = [];
	let after: string | undefined;
	do {
		const page = await rawAnswer(threads, `/v1.0/me/threads?fields=${fields}&limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
		posts.push(...page.data);
		after = page.data.length ? page.paging?.cursors?.after : undefined;
	} while (after);
	return posts;
}

const listWithInsights = (extra: Record<string, unknown> = {}) => ({
	parameters: { resource: 'thread', operation: 'list', returnAll: true, fields: ['id', 'media_type'], includeInsights: ['views', 'likes'], ...extra },
});

describe('Include Insights on post lists', () => {
	it('one row per post, in list order, with the metrics as columns: pages + one call per post, no more', async () => {
		const posts = await allPosts();
		const expected = [];
		for (const post of posts) {
			const raw = await rawAnswer(threads, `/v1.0/${post.id}/insights?metric=views,likes`);
			const value = (name: string) => raw.data.find((insight: { name: string }) => insight.name === name)?.values[0].value ?? null;
			expected.push({ id: post.id, views: value('views'), likes: value('likes'), media_type: post.media_type });
		}
		const result = await runThreads(threads, listWithInsights());
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual(expected);
		const pages = Math.ceil(posts.length / 100);
		expect(threads.sim.requests).toHaveLength(posts.length + pages);
		expect(result.output.Threads.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('a repost (no insights) gets empty metric cells, not an error', async () => {
		const result = await runThreads(threads, listWithInsights());
		const repost = result.items.find((row) => row.media_type === 'REPOST_FACADE');
		expect(repost).toMatchObject({ views: null, likes: null });
	});

	it('with a Limit, insights are fetched only for the returned posts', async () => {
		const result = await runThreads(threads, listWithInsights({ returnAll: false, limit: 7 }));
		expect(result.items).toHaveLength(7);
		expect(requestLines(threads.sim).filter((line) => line.includes('/insights'))).toHaveLength(7);
	});

	it('absorbs a burst of rate-limit answers, with exact request accounting', async () => {
		const posts = await allPosts();
		threads.sim.failNext({ kind: 'rateLimit', times: 3, path: /\/insights/ });
		const result = await runThreads(threads, listWithInsights());
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(posts.length);
		expect(threads.sim.requests).toHaveLength(posts.length + Math.ceil(posts.length / 100) + 3);
		expect(threads.sim.requests.filter((request) => request.status !== 200)).toHaveLength(3);
	});

	it('adapts to Meta refusing requests beyond what it allows in flight: no failed row', async () => {
		// Realistic proportions: network latency well above n8n's own per-request CPU time.
		threads.sim.options.latencyMs = 40;
		threads.sim.options.maxInFlight = 6;
		const posts = await allPosts();
		const result = await runThreads(threads, listWithInsights());
		expect(result.error).toBeUndefined();
		expect(result.items.map((row) => row.id)).toEqual(posts.map((post) => post.id));
		const retries = threads.sim.refusedCount;
		// It adapts rather than retrying everything (the refusal rate itself is measured by `npm run bench`).
		expect(retries).toBeGreaterThan(0);
		expect(retries).toBeLessThan(posts.length * 0.2);
		expect(threads.sim.requests.length).toBe(posts.length + Math.ceil(posts.length / 100) + retries);
	});

	it('never has more requests in flight than "Max Concurrent Requests"', async () => {
		const result = await runThreads(threads, listWithInsights({ options: { maxConcurrency: 3 } }));
		expect(result.error).toBeUndefined();
		expect(threads.sim.peakInFlight).toBe(3);
	});

	it('gives up after the bounded wait with the clear rate-limit error', async () => {
		threads.sim.failNext({ kind: 'rateLimit', times: 10_000, path: /\/insights/ });
		const result = await runThreads(threads, listWithInsights({ options: { maxRateLimitWait: 1 } }));
		expect(result.error?.message).toMatch(/rate limit reached/);
	});

	it('never retries a 4xx that is not a rate limit', async () => {
		const [first] = await allPosts();
		threads.sim.failNext({ kind: 'invalidParameter', path: new RegExp(`/${first.id}/insights`) });
		const result = await runThreads(threads, listWithInsights());
		expect(result.error?.message).toMatch(/^Threads rejected the request/);
		// A refusal for being over the in-flight limit (code 4) may come first and is retried by
		// design; the 4xx that is not a rate limit is sent once.
		const sent = threads.sim.requests.filter((request) => request.path === `/v1.0/${first.id}/insights` && request.errorCode !== 4);
		expect(sent.map((request) => request.errorCode)).toEqual([100]);
	});

	it('Profile → Get Posts: your own profile gets the columns; another profile gets empty cells without refused requests', async () => {
		const own = await runThreads(threads, {
			parameters: { resource: 'profile', operation: 'getPosts', username: 'demo.creator', limit: 5, fields: ['id'], includeInsights: ['likes'] },
		});
		expect(own.error).toBeUndefined();
		expect(own.items.filter((row) => typeof row.likes === 'number').length).toBeGreaterThan(0);

		threads.sim.reset();
		const other = await runThreads(threads, {
			parameters: { resource: 'profile', operation: 'getPosts', username: 'meta', limit: 5, fields: ['id'], includeInsights: ['likes'] },
		});
		expect(other.items).toHaveLength(5);
		expect(other.items.every((row) => row.likes === null)).toBe(true);
		expect(requestLines(threads.sim)).toEqual([
			'GET /v1.0/me?fields=id,username',
			'GET /v1.0/profile_posts?fields=id&limit=5&username=meta',
		]);
	});
});

describe('Media → Get Insights fed many items', () => {
	it('bounded, adaptive concurrency across input items; results in input order, every item paired', async () => {
		// Latency well above n8n's per-request CPU time, so a slow CI machine sees the same proportions.
		threads.sim.options.latencyMs = 80;
		threads.sim.options.maxInFlight = 8;
		const posts = (await allPosts()).slice(0, 100);
		const result = await runThreads(threads, {
			input: posts.map((post) => ({ id: post.id })),
			parameters: { resource: 'media', operation: 'getInsights', metrics: ['likes'], mediaId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((row) => row.id)).toEqual(posts.map((post) => post.id));
		expect(result.output.Threads.map((item) => (item.pairedItem as { item: number }).item)).toEqual(posts.map((_, index) => index));
		expect(threads.sim.requests.length - threads.sim.refusedCount).toBe(100);
		// Sending every item at once would have 92 refused in the first wave alone; the adaptive
		// pool overshoots once while ramping up and on rare probes (exact rates: `npm run bench`).
		expect(threads.sim.refusedCount).toBeGreaterThan(0);
		expect(threads.sim.refusedCount).toBeLessThan(posts.length * 0.3);
	});

	it('respects Max Concurrent Requests across items', async () => {
		const posts = (await allPosts()).slice(0, 30);
		await runThreads(threads, {
			input: posts.map((post) => ({ id: post.id })),
			parameters: {
				resource: 'media',
				operation: 'getInsights',
				metrics: ['likes'],
				mediaId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				options: { maxConcurrency: 2 },
			},
		});
		expect(threads.sim.peakInFlight).toBe(2);
		expect(threads.sim.requests).toHaveLength(30);
	});

	it('Profile → Get Posts for several input items asks who `/me` is once per execution', async () => {
		const result = await runThreads(threads, {
			input: [{ user: 'meta' }, { user: 'threads' }, { user: 'meta' }],
			parameters: { resource: 'profile', operation: 'getPosts', username: '={{ $json.user }}', limit: 2, fields: ['id'], includeInsights: ['likes'] },
		});
		expect(result.items).toHaveLength(6);
		expect(requestLines(threads.sim).filter((line) => line.startsWith('GET /v1.0/me?'))).toEqual(['GET /v1.0/me?fields=id,username']);
		expect(requestLines(threads.sim).filter((line) => line.includes('/profile_posts'))).toHaveLength(3);
	});
});
