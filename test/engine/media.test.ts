import { expectNoSecrets, rawAnswer, requestLines, runThreads, useSimulator } from './fixtures';

// A frozen clock: insights grow with time, and a test compares a raw answer with the node's.
const frozenNow = Date.now();
const threads = useSimulator({ now: () => frozenNow });
const ALL = 'views,likes,replies,reposts,quotes,shares';

async function myPosts(fields = 'id,media_type') {
	const answer = await rawAnswer(threads, `/v1.0/me/threads?fields=${fields}&limit=100`);
	return answer.data as Array<{ id: string; media_type: string }>;
}

describe('Media → Get Insights', () => {
	it('returns one row per post with every metric as a column, from exactly one request', async () => {
		const [post] = (await myPosts()).filter((p) => p.media_type !== 'REPOST_FACADE');
		const raw = await rawAnswer(threads, `/v1.0/${post.id}/insights?metric=${ALL}`);
		const expected: Record<string, unknown> = { id: post.id };
		for (const insight of raw.data) expected[insight.name] = insight.values[0].value;

		const result = await runThreads(threads, {
			parameters: { resource: 'media', operation: 'getInsights', mediaId: { __rl: true, mode: 'id', value: post.id } },
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([expected]);
		expect(Object.keys(result.items[0])).toEqual(['id', 'views', 'likes', 'replies', 'reposts', 'quotes', 'shares']);
		expect(requestLines(threads.sim)).toEqual([`GET /v1.0/${post.id}/insights?metric=${ALL}`]);
		expect(threads.sim.requests[0].authVia).toBe('header');
		expectNoSecrets(result, threads.token);
	});

	it('asks only for the chosen metrics', async () => {
		const [post] = await myPosts();
		await runThreads(threads, {
			parameters: { resource: 'media', operation: 'getInsights', mediaId: { __rl: true, mode: 'list', value: post.id }, metrics: ['likes', 'views'] },
		});
		expect(requestLines(threads.sim)).toEqual([`GET /v1.0/${post.id}/insights?metric=likes,views`]);
	});

	it('maps the media ID from each input item and keeps every row paired with its item', async () => {
		const posts = (await myPosts()).slice(0, 3);
		const result = await runThreads(threads, {
			input: posts.map((p) => ({ id: p.id })),
			parameters: { resource: 'media', operation: 'getInsights', mediaId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, metrics: ['likes'] },
		});
		expect(result.items.map((row) => row.id)).toEqual(posts.map((p) => p.id));
		expect(result.output.Threads.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(threads.sim.requests).toHaveLength(3);
	});

	it('a repost (Meta answers no insights) gives empty metric cells, not an error', async () => {
		const repost = (await myPosts()).find((p) => p.media_type === 'REPOST_FACADE');
		expect(repost).toBeDefined();
		const result = await runThreads(threads, {
			parameters: { resource: 'media', operation: 'getInsights', mediaId: { __rl: true, mode: 'id', value: repost!.id }, metrics: ['views', 'likes'] },
		});
		expect(result.items).toEqual([{ id: repost!.id, views: null, likes: null }]);
	});

	it('Simplify off returns Meta’s own answer', async () => {
		const [post] = await myPosts();
		const raw = await rawAnswer(threads, `/v1.0/${post.id}/insights?metric=likes`);
		const result = await runThreads(threads, {
			parameters: { resource: 'media', operation: 'getInsights', mediaId: { __rl: true, mode: 'id', value: post.id }, metrics: ['likes'], simplify: false },
		});
		expect(result.items).toEqual([raw]);
	});

	it.each([
		[{ metrics: [] }, /"Metrics" is empty/],
		[{ mediaId: { __rl: true, mode: 'id', value: '' } }, /"Media" is required/],
		[{ mediaId: { __rl: true, mode: 'id', value: 'https://threads.net/@x/post/abc' } }, /Media ID must be digits only/],
	])('refuses %j before any request', async (override, message) => {
		const result = await runThreads(threads, {
			parameters: { resource: 'media', operation: 'getInsights', mediaId: { __rl: true, mode: 'id', value: '123' }, ...override },
		});
		expect(result.error?.message).toMatch(message);
		expect(threads.sim.requests).toHaveLength(0);
	});
});

describe('Media → Get', () => {
	it('returns the chosen fields as one flat row', async () => {
		const carousel = (await myPosts()).find((p) => p.media_type === 'CAROUSEL_ALBUM')!;
		const raw = await rawAnswer(threads, `/v1.0/${carousel.id}?fields=id,owner,children,text`);
		const result = await runThreads(threads, {
			parameters: { resource: 'media', operation: 'get', mediaId: { __rl: true, mode: 'id', value: carousel.id }, fields: ['id', 'owner', 'children', 'text'] },
		});
		expect(result.items).toEqual([
			{
				id: carousel.id,
				owner_id: raw.owner.id,
				children_ids: raw.children.data.map((child: { id: string }) => child.id).join(','),
				...(raw.text !== undefined ? { text: raw.text } : {}),
			},
		]);
		expect(requestLines(threads.sim)).toEqual([`GET /v1.0/${carousel.id}?fields=id,owner,children,text`]);
	});

	it('uses a sensible default field set, and Simplify off keeps the nested shape', async () => {
		const [post] = await myPosts();
		const result = await runThreads(threads, {
			parameters: { resource: 'media', operation: 'get', mediaId: { __rl: true, mode: 'id', value: post.id }, simplify: false },
		});
		expect(requestLines(threads.sim)).toEqual([
			`GET /v1.0/${post.id}?fields=id,media_type,permalink,text,timestamp,username,shortcode,is_quote_post`,
		]);
		expect(result.items[0].id).toBe(post.id);
	});
});
