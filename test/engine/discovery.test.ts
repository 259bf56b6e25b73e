/**
 * Search → Keyword Search, User → Get Mentions / Get My Replies, Media → Get Replies / Get
 * Conversation, through n8n's engine against the simulator, with exact requests and rows.
 */
import { Threads } from '../../nodes/Threads/Threads.node';
import type { WorkflowResult } from '../harness/runWorkflow';
import type { SimulatorOptions, SimPost } from '../simulator/threadsSimulator';
import type { SimulatedThreads } from './fixtures';
import { expectNoSecrets, requestLines, runThreads, useSimulator } from './fixtures';

const MIN = 60_000;
const FAN = '4000000000000002';
const CRITIC = '4000000000000003';
const ALL_SCOPES = ['threads_basic', 'threads_manage_insights', 'threads_keyword_search', 'threads_manage_mentions', 'threads_read_replies'];
const POST_DEFAULT_FIELDS = 'id,media_type,permalink,text,timestamp,username,shortcode,is_quote_post';
const REPLY_DEFAULT_FIELDS = 'id,text,username,timestamp,permalink,replied_to,root_post,has_replies,hide_status';

/** The demo world plus two fans who post about coffee and mention @demo.creator, and replies under the demo creator's newest posts. */
function discoveryWorld(options: SimulatorOptions = {}): SimulatedThreads & { myPosts: string[] } {
	const threads = useSimulator(options) as SimulatedThreads & { myPosts: string[] };
	beforeEach(() => {
		const { sim } = threads;
		const now = Date.now();
		const post = (id: string, ageMin: number, text: string, extra: Partial<SimPost> = {}): SimPost => ({ id, mediaType: 'TEXT_POST', timestamp: now - ageMin * MIN, text, metrics: { views: 1000 - ageMin }, ...extra });
		const fanPosts = Array.from({ length: 130 }, (_, i) => post(String(5100 + i), 10 + i, `coffee thought #${i} with @demo.creator`));
		sim.addUser({ id: FAN, username: 'coffee.fan', posts: [post('5001', 5, 'Best coffee blend ever', { mediaType: 'IMAGE', topicTag: 'Coffee' }), ...fanPosts] });
		sim.addUser({ id: CRITIC, username: 'tea.critic', posts: [post('6001', 7, 'coffee is overrated, says @demo.creator fan club', { topicTag: 'tea' })] });
		threads.myPosts = sim.getUser('demo.creator')!.posts.filter((p) => p.mediaType !== 'REPOST_FACADE').slice(0, 3).map((p) => p.id);
		const [first, second] = threads.myPosts;
		sim.addReply({ id: '7001', authorId: FAN, rootId: first, repliedToId: first, text: 'Love it', timestamp: now - 30 * MIN });
		sim.addReply({ id: '7002', authorId: '1000000000000001', rootId: first, repliedToId: '7001', text: 'Thank you!', timestamp: now - 20 * MIN });
		sim.addReply({ id: '7003', authorId: CRITIC, rootId: first, repliedToId: first, text: 'Meh', timestamp: now - 10 * MIN, hideStatus: 'HIDDEN' });
		sim.addReply({ id: '7004', authorId: FAN, rootId: second, repliedToId: second, text: 'Nice', timestamp: now - 15 * MIN });
		threads.token = sim.issueToken(threads.userId, { scopes: ALL_SCOPES });
	});
	return threads;
}

const hintsOf = (result: WorkflowResult): string[] => (result.run.data.resultData.runData.Threads?.[0]?.hints ?? []).map((hint) => hint.message);

describe('Search → Keyword Search', () => {
	const threads = discoveryWorld();
	const search = { resource: 'search', operation: 'keywordSearch' };

	it('Recent, one request, one flat row per post, newest first', async () => {
		const result = await runThreads(threads, { parameters: { ...search, searchQuery: 'coffee', searchType: 'RECENT', limit: 3 } });
		expect(requestLines(threads.sim)).toEqual([`GET /v1.0/keyword_search?fields=${POST_DEFAULT_FIELDS}&limit=3&q=coffee&search_type=RECENT`]);
		expect(result.items.map((row) => row.id)).toEqual(['5001', '6001', '5100']);
		expect(result.items[0]).toEqual({
			id: '5001',
			media_type: 'IMAGE',
			permalink: expect.stringContaining('/@coffee.fan/post/'),
			text: 'Best coffee blend ever',
			timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			username: 'coffee.fan',
			shortcode: expect.any(String),
			is_quote_post: false,
		});
		expect(hintsOf(result)).toEqual([]);
	});

	it('a topic tag (its "#" dropped), a media type, an author, a date preset and only the chosen fields (username asked for, then removed)', async () => {
		const result = await runThreads(threads, {
			parameters: { ...search, searchMode: 'TAG', searchQuery: '#coffee', searchMediaType: 'IMAGE', authorUsername: '@coffee.fan', dateRange: 'today', fields: ['id', 'topic_tag'] },
		});
		const [line] = requestLines(threads.sim);
		expect(line).toMatch(/^GET \/v1\.0\/keyword_search\?author_username=coffee\.fan&fields=id,topic_tag,username&limit=50&media_type=IMAGE&q=coffee&search_mode=TAG&search_type=TOP&since=\d+&until=\d+$/);
		expect(result.items).toEqual([{ id: '5001', topic_tag: 'Coffee' }]);
	});

	it.each<[string, SimulatorOptions['discoveryPaging']]>([
		['cursors only', 'cursors'],
		['paging.next links', 'links'],
	])('Limit 120 = 100 + 20 whichever way Meta pages (%s)', async (_label, paging) => {
		threads.sim.discovery.settings.paging = paging ?? 'cursors';
		const result = await runThreads(threads, { parameters: { ...search, searchQuery: 'coffee', searchType: 'RECENT', limit: 120, fields: ['id'] } });
		expect(result.items).toHaveLength(120);
		expect(new Set(result.items.map((row) => row.id)).size).toBe(120);
		const lines = requestLines(threads.sim);
		expect(lines).toHaveLength(2);
		expect(lines[0]).toBe('GET /v1.0/keyword_search?fields=id,username&limit=100&q=coffee&search_type=RECENT');
		expect(lines[1]).toMatch(/^GET \/v1\.0\/keyword_search\?after=[^&]+&fields=id,username&limit=20&q=coffee&search_type=RECENT$/);
	});

	it('a search Meta answers in one page without paging: Return All takes that page, one request', async () => {
		threads.sim.discovery.settings.paging = 'single';
		const result = await runThreads(threads, { parameters: { ...search, searchQuery: 'coffee', returnAll: true, fields: ['id'] } });
		expect(result.items).toHaveLength(100);
		expect(threads.sim.requests).toHaveLength(1);
	});

	it('an app without App Review finds only your own posts: a hint says why (one /me lookup)', async () => {
		threads.sim.setAppReview({ keywordSearch: false });
		const result = await runThreads(threads, { parameters: { ...search, searchQuery: 'the', limit: 2 } });
		expect(result.items.every((row) => row.username === 'demo.creator')).toBe(true);
		expect(result.items.length).toBeGreaterThan(0);
		expect(requestLines(threads.sim)).toEqual([`GET /v1.0/keyword_search?fields=${POST_DEFAULT_FIELDS}&limit=2&q=the&search_type=TOP`, 'GET /v1.0/me?fields=id,username']);
		expect(hintsOf(result)).toEqual([expect.stringMatching(/^Every post found is your own\. Until Meta approves your app for the threads_keyword_search permission/)]);
	});

	it('nothing found: a hint, not silence', async () => {
		const result = await runThreads(threads, { parameters: { ...search, searchQuery: 'zzz-nothing' } });
		expect(result.items).toEqual([]);
		expect(hintsOf(result)).toEqual([expect.stringMatching(/^No posts matched "zzz-nothing"\. Until Meta approves your app/)]);
	});

	it('the search field explains the daily quota', () => {
		const field = new Threads().description.properties.find((property) => property.name === 'searchQuery');
		expect(field?.description).toMatch(/Meta allows 2,200 search queries per Threads account in any 24 hours, across all apps/);
	});

	it('the daily quota: the rate-limit message explains 2,200 queries per 24 hours', async () => {
		threads.sim.failNext({ kind: 'rateLimit', times: 5, path: /keyword_search/ });
		const result = await runThreads(threads, { parameters: { ...search, searchQuery: 'coffee', options: { maxRateLimitWait: 0 } } });
		expect(result.error?.message).toBe('Meta rate limit reached for keyword search: retry later');
		expect((result.error as { description?: string }).description).toMatch(/^Meta allows 2,200 search queries per Threads account in any 24 hours, across all apps/);
		expect(threads.sim.requests).toHaveLength(1);
		expectNoSecrets(result, threads.token);
	});

	it('a throttled search is not retried, whatever Max Wait allows (the quota is a rolling 24 hours): one request, at once', async () => {
		threads.sim.failNext({ kind: 'rateLimit', times: 20, path: /keyword_search/ });
		const started = Date.now();
		const result = await runThreads(threads, { parameters: { ...search, searchQuery: 'coffee' } });
		expect(result.error?.message).toBe('Meta rate limit reached for keyword search: retry later');
		expect(threads.sim.requests).toHaveLength(1);
		expect(Date.now() - started).toBeLessThan(5_000);
		expectNoSecrets(result, threads.token);
	});

	it('a throttled search with Continue On Fail: an error row, one request', async () => {
		threads.sim.failNext({ kind: 'rateLimit', times: 20, path: /keyword_search/ });
		const result = await runThreads(threads, { parameters: { ...search, searchQuery: 'coffee' }, continueOnFail: true });
		expect(result.items).toEqual([expect.objectContaining({ error: 'Meta rate limit reached for keyword search: retry later' })]);
		expect(threads.sim.requests).toHaveLength(1);
	});

	it('a token without threads_keyword_search gets the missing-permission message naming it', async () => {
		threads.token = threads.sim.issueToken(threads.userId, { scopes: ['threads_basic'] });
		const result = await runThreads(threads, { parameters: { ...search, searchQuery: 'coffee' } });
		expect(result.error?.message).toBe('The Threads credential is missing the "threads_keyword_search" permission');
		expect(threads.sim.requests).toHaveLength(1);
		expectNoSecrets(result, threads.token);
	});

	it.each([
		[{ searchQuery: '  ' }, /^"Search For" is empty$/],
		[{ searchQuery: '#' }, /^"Search For" must contain a keyword, not only "#"$/],
		[{ searchQuery: ' # # ' }, /^"Search For" must contain a keyword, not only "#"$/],
		[{ searchMode: 'TAG', searchQuery: '#' }, /^"Search For" must contain a topic tag, not only "#"$/],
		[{ searchQuery: 'x', authorUsername: 'not a name!' }, /^"Author Username" must be a Threads username/],
		[{ searchQuery: 'x', dateRange: 'custom', since: '2023-01-01' }, /"Since" is before July 5, 2023/],
		[{ searchQuery: 'x', limit: 0 }, /"Limit" must be a whole number/],
	])('refuses %j before any request', async (parameters, message) => {
		const result = await runThreads(threads, { parameters: { ...search, ...parameters } });
		expect(result.error?.message).toMatch(message);
		expect(threads.sim.requests).toHaveLength(0);
	});
});

describe('User → Get Mentions', () => {
	const threads = discoveryWorld();

	it('posts that tag you, newest first, paged by cursor: Limit 105 = 100 + 5', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'user', operation: 'getMentions', limit: 105, fields: ['id', 'username', 'text'] } });
		expect(result.items[0]).toEqual({ id: '6001', username: 'tea.critic', text: 'coffee is overrated, says @demo.creator fan club' });
		expect(result.items.slice(1, 3).map((row) => row.id)).toEqual(['5100', '5101']);
		expect(result.items).toHaveLength(105);
		const lines = requestLines(threads.sim);
		expect(lines[0]).toBe('GET /v1.0/me/mentions?fields=id,username,text&limit=100');
		expect(lines[1]).toMatch(/^GET \/v1\.0\/me\/mentions\?after=[^&]+&fields=id,username,text&limit=5$/);
		expect(lines).toHaveLength(2);
	});

	it('other lists keep their rate-limit retry: a throttled mentions page is retried and the rows come', async () => {
		threads.sim.failNext({ kind: 'rateLimit', times: 2, path: /mentions/ });
		const result = await runThreads(threads, { parameters: { resource: 'user', operation: 'getMentions', limit: 3, fields: ['id'] } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(threads.sim.requests).toHaveLength(3);
	});

	it('without App Review and no tester mentions: no rows and a hint saying why', async () => {
		threads.sim.setAppReview({ mentions: false });
		const result = await runThreads(threads, { parameters: { resource: 'user', operation: 'getMentions' } });
		expect(result.items).toEqual([]);
		expect(hintsOf(result)).toEqual([expect.stringMatching(/^No mentions found\. Until Meta approves your app for threads_manage_mentions/)]);
	});

	it('a token without threads_manage_mentions: the message names it', async () => {
		threads.token = threads.sim.issueToken(threads.userId, { scopes: ['threads_basic'] });
		const result = await runThreads(threads, { parameters: { resource: 'user', operation: 'getMentions' } });
		expect(result.error?.message).toBe('The Threads credential is missing the "threads_manage_mentions" permission');
	});
});

describe('Media → Get Replies / Get Conversation', () => {
	const threads = discoveryWorld();
	const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

	it('Get Replies: top-level replies, newest first, rows ready for a sheet', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'media', operation: 'getReplies', mediaId: byId(threads.myPosts[0]) } });
		expect(requestLines(threads.sim)).toEqual([`GET /v1.0/${threads.myPosts[0]}/replies?fields=${REPLY_DEFAULT_FIELDS}&limit=50&reverse=true`]);
		expect(result.items).toEqual([
			{ id: '7003', text: 'Meh', username: 'tea.critic', timestamp: expect.any(String), permalink: expect.stringContaining('@tea.critic'), replied_to_id: threads.myPosts[0], root_post_id: threads.myPosts[0], has_replies: false, hide_status: 'HIDDEN' },
			{ id: '7001', text: 'Love it', username: 'coffee.fan', timestamp: expect.any(String), permalink: expect.stringContaining('@coffee.fan'), replied_to_id: threads.myPosts[0], root_post_id: threads.myPosts[0], has_replies: true, hide_status: 'NOT_HUSHED' },
		]);
	});

	it('Get Conversation, oldest first: every depth, as the conversation reads', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'media', operation: 'getConversation', mediaId: byId(threads.myPosts[0]), order: 'oldestFirst', fields: ['id', 'text', 'replied_to'] } });
		expect(requestLines(threads.sim)).toEqual([`GET /v1.0/${threads.myPosts[0]}/conversation?fields=id,text,replied_to&limit=50&reverse=false`]);
		expect(result.items).toEqual([
			{ id: '7001', text: 'Love it', replied_to_id: threads.myPosts[0] },
			{ id: '7002', text: 'Thank you!', replied_to_id: '7001' },
			{ id: '7003', text: 'Meh', replied_to_id: threads.myPosts[0] },
		]);
	});

	it('several uneven input items: every row paired with its item, a bad item refused before any request with Continue On Fail', async () => {
		const [first, second, third] = threads.myPosts;
		const result = await runThreads(threads, {
			parameters: { resource: 'media', operation: 'getConversation', mediaId: byId('={{ $json.post }}'), fields: ['id'] },
			input: [{ post: first }, { post: '' }, { post: third }, { post: second }],
			continueOnFail: true,
		});
		expect(result.output.Threads.map((item) => [item.json.id ?? item.json.error, (item.pairedItem as { item: number }).item])).toEqual([
			['7003', 0],
			['7002', 0],
			['7001', 0],
			['"Media" is empty', 1],
			['7004', 3],
		]);
		expect(requestLines(threads.sim).map((line) => line.split('?')[0]).sort()).toEqual([`GET /v1.0/${first}/conversation`, `GET /v1.0/${second}/conversation`, `GET /v1.0/${third}/conversation`].sort());
	});

	it('a post given by its link is found first, then its replies', async () => {
		const permalink = (await threads.sim.handle({ method: 'GET', path: `/v1.0/${threads.myPosts[1]}?fields=permalink`, headers: { authorization: `Bearer ${threads.token}` } })).body as { permalink: string };
		threads.sim.reset();
		const result = await runThreads(threads, { parameters: { resource: 'media', operation: 'getReplies', mediaId: { __rl: true, mode: 'url', value: permalink.permalink }, fields: ['id'] } });
		expect(result.items).toEqual([{ id: '7004' }]);
		expect(requestLines(threads.sim)).toEqual(['GET /v1.0/me/threads?fields=id,permalink&limit=100', `GET /v1.0/${threads.myPosts[1]}/replies?fields=id&limit=50&reverse=true`]);
	});

	it('a token without threads_read_replies: the message names it', async () => {
		threads.token = threads.sim.issueToken(threads.userId, { scopes: ['threads_basic'] });
		const result = await runThreads(threads, { parameters: { resource: 'media', operation: 'getReplies', mediaId: byId(threads.myPosts[0]) } });
		expect(result.error?.message).toBe('The Threads credential is missing the "threads_read_replies" permission');
	});
});

describe('Media → Get Conversation when Meta ignores limit', () => {
	const threads = discoveryWorld({ repliesIgnoreLimit: true });

	it('pages of 25 whatever is asked: Limit 30 = two requests, 30 rows', async () => {
		const root = threads.myPosts[2];
		for (let i = 0; i < 40; i++) threads.sim.addReply({ id: String(8000 + i), authorId: FAN, rootId: root, repliedToId: root, text: `r${i}`, timestamp: Date.now() - (100 - i) * MIN });
		const result = await runThreads(threads, { parameters: { resource: 'media', operation: 'getConversation', mediaId: byId(root), limit: 30, fields: ['id'] } });
		expect(result.items.map((row) => row.id)).toEqual(Array.from({ length: 30 }, (_, i) => String(8039 - i)));
		expect(threads.sim.requests).toHaveLength(2);
	});

	function byId(id: string) {
		return { __rl: true, mode: 'id', value: id };
	}
});

describe('User → Get My Replies', () => {
	const threads = discoveryWorld();

	it('the replies you wrote', async () => {
		const result = await runThreads(threads, { parameters: { resource: 'user', operation: 'getMyReplies', fields: ['id', 'text', 'replied_to'] } });
		expect(requestLines(threads.sim)).toEqual(['GET /v1.0/me/replies?fields=id,text,replied_to&limit=50']);
		expect(result.items).toEqual([{ id: '7002', text: 'Thank you!', replied_to_id: '7001' }]);
	});
});

describe('post rows: topic tag and polls, flattened', () => {
	const threads = discoveryWorld();

	it('Thread → List with topic_tag and poll_attachment (sub-fields asked for by name)', async () => {
		const me = threads.sim.getUser('demo.creator')!;
		me.posts.unshift({
			id: '9001',
			mediaType: 'TEXT_POST',
			timestamp: Date.now() - MIN,
			text: 'Which roast?',
			topicTag: 'coffee',
			poll: { options: ['Light', 'Dark'], votesPercentage: [0.4, 0.6], expiresAt: Date.parse('2030-01-01T00:00:00Z'), totalVotes: 25 },
		});
		const result = await runThreads(threads, { parameters: { resource: 'thread', operation: 'list', limit: 1, fields: ['id', 'topic_tag', 'poll_attachment'] } });
		expect(requestLines(threads.sim)).toEqual([
			'GET /v1.0/me/threads?fields=id,topic_tag,poll_attachment{option_a,option_b,option_c,option_d,option_a_votes_percentage,option_b_votes_percentage,option_c_votes_percentage,option_d_votes_percentage,total_votes,expiration_timestamp}&limit=1',
		]);
		expect(result.items).toEqual([
			{
				id: '9001',
				topic_tag: 'coffee',
				poll_attachment_option_a: 'Light',
				poll_attachment_option_b: 'Dark',
				poll_attachment_option_a_votes_percentage: 0.4,
				poll_attachment_option_b_votes_percentage: 0.6,
				poll_attachment_expiration_timestamp: '2030-01-01T00:00:00+0000',
				poll_attachment_total_votes: 25,
			},
		]);
	});
});
