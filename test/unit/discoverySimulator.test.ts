/** The simulator's search, mentions, replies and conversation endpoints (test/simulator/discovery.ts). */
import type { SimResponse, SimulatorOptions } from '../simulator/threadsSimulator';
import { KEYWORD_SEARCH_QUOTA, ThreadsSimulator } from '../simulator/threadsSimulator';

const NOW = Date.parse('2025-09-10T12:00:00Z');
const MIN = 60_000;
const ME = '3000000000000001';
const FAN = '3000000000000002';
const SHY = '3000000000000003';
const ALL_SCOPES = ['threads_basic', 'threads_keyword_search', 'threads_manage_mentions', 'threads_read_replies'];

type Json = ReturnType<typeof JSON.parse>;

function world(options: SimulatorOptions = {}) {
	const sim = new ThreadsSimulator({ now: () => NOW, ...options });
	sim.addUser({
		id: ME,
		username: 'brand.owner',
		posts: [
			{ id: '500', mediaType: 'TEXT_POST', timestamp: NOW - 60 * MIN, text: 'Our new coffee blend is out', topicTag: 'coffee', metrics: { replies: 0 } },
			{ id: '400', mediaType: 'IMAGE', timestamp: NOW - 600 * MIN, text: 'Coffee beans, close up', metrics: { replies: 0 } },
		],
	});
	sim.addUser({
		id: FAN,
		username: 'coffee.fan',
		posts: [
			{ id: '700', mediaType: 'TEXT_POST', timestamp: NOW - 10 * MIN, text: 'Loving the blend from @brand.owner', metrics: { views: 10 } },
			{ id: '600', mediaType: 'VIDEO', timestamp: NOW - 30 * MIN, text: 'Coffee art video', topicTag: 'Coffee', metrics: { views: 900 } },
			{ id: '650', mediaType: 'TEXT_POST', timestamp: NOW - 20 * MIN, text: 'not a mention: @brand.owner2', metrics: { views: 5 } },
		],
	});
	sim.addUser({ id: SHY, username: 'shy.one', public: false, posts: [{ id: '800', mediaType: 'TEXT_POST', timestamp: NOW - 5 * MIN, text: 'coffee with @brand.owner' }] });
	sim.addReply({ id: '901', authorId: FAN, rootId: '500', repliedToId: '500', text: 'first!', timestamp: NOW - 50 * MIN });
	sim.addReply({ id: '902', authorId: ME, rootId: '500', repliedToId: '901', text: 'thanks', timestamp: NOW - 40 * MIN });
	sim.addReply({ id: '903', authorId: SHY, rootId: '500', repliedToId: '500', text: 'quietly', timestamp: NOW - 30 * MIN, hideStatus: 'HIDDEN' });
	const token = sim.issueToken(ME, { scopes: ALL_SCOPES });
	const get = async (path: string, with_ = token): Promise<SimResponse> => await sim.handle({ method: 'GET', path, headers: { authorization: `Bearer ${with_}` } });
	return { sim, token, get };
}

const ids = (response: SimResponse): string[] => ((response.body as Json).data as Array<{ id: string }>).map((item) => item.id);

describe('GET /keyword_search', () => {
	it('finds public posts by keyword, Top by views, Recent newest first; text posts say "TEXT"', async () => {
		const { get } = world();
		expect(ids(await get('/v1.0/keyword_search?q=coffee'))).toEqual(['600', '400', '500']);
		const recent = await get('/v1.0/keyword_search?q=coffee&search_type=RECENT&fields=id,media_type,username,owner');
		expect(ids(recent)).toEqual(['600', '500', '400']);
		expect((recent.body as Json).data[1]).toEqual({ id: '500', media_type: 'TEXT', username: 'brand.owner' });
	});

	it('topic tags (case-insensitive, "#" optional), media type, author username and dates filter', async () => {
		const { get } = world();
		expect(ids(await get('/v1.0/keyword_search?q=%23coffee&search_mode=TAG&search_type=RECENT'))).toEqual(['600', '500']);
		expect(ids(await get('/v1.0/keyword_search?q=coffee&media_type=VIDEO'))).toEqual(['600']);
		expect(ids(await get('/v1.0/keyword_search?q=coffee&author_username=brand.owner&search_type=RECENT'))).toEqual(['500', '400']);
		expect(ids(await get(`/v1.0/keyword_search?q=coffee&since=${Math.floor((NOW - 120 * MIN) / 1000)}&search_type=RECENT`))).toEqual(['600', '500']);
		expect((await get('/v1.0/keyword_search?q=coffee&media_type=CAROUSEL_ALBUM')).status).toBe(400);
	});

	it('needs threads_keyword_search: the documented permission error names it', async () => {
		const { sim, get } = world();
		const basic = sim.issueToken(ME, { scopes: ['threads_basic'] });
		const answer = await get('/v1.0/keyword_search?q=coffee', basic);
		expect(answer.status).toBe(400);
		expect((answer.body as Json).error).toMatchObject({ code: 10, error_user_msg: expect.stringContaining('threads_keyword_search') });
	});

	it('without App Review searches only the token’s own posts', async () => {
		const { sim, get } = world();
		sim.setAppReview({ keywordSearch: false });
		expect(ids(await get('/v1.0/keyword_search?q=coffee&search_type=RECENT'))).toEqual(['500', '400']);
	});

	it('2,200 queries per rolling 24 h per user; empty answers do not count; then code 17', async () => {
		const { sim, get } = world();
		for (let i = 0; i < 3; i++) await get('/v1.0/keyword_search?q=nothing-matches');
		expect(sim.discovery.searchQueriesUsed(ME, NOW)).toBe(0);
		for (let i = 0; i < KEYWORD_SEARCH_QUOTA; i++) await get('/v1.0/keyword_search?q=coffee&limit=1');
		expect(sim.discovery.searchQueriesUsed(ME, NOW)).toBe(KEYWORD_SEARCH_QUOTA);
		const refused = await get('/v1.0/keyword_search?q=coffee');
		expect((refused.body as Json).error).toMatchObject({ code: 17 });
	});

	it('pages with cursors by default, with paging.next links, or not at all', async () => {
		const cursors = world();
		const first = await cursors.get('/v1.0/keyword_search?q=coffee&limit=2');
		expect((first.body as Json).paging).toEqual({ cursors: { before: expect.any(String), after: expect.any(String) } });
		const after = encodeURIComponent((first.body as Json).paging.cursors.after);
		expect(ids(await cursors.get(`/v1.0/keyword_search?q=coffee&limit=2&after=${after}`))).toEqual(['500']);

		const links = world({ discoveryPaging: 'links' });
		const linked = (await links.get('/v1.0/keyword_search?q=coffee&limit=2')).body as Json;
		expect(linked.paging.next).toMatch(/^https:\/\/graph\.threads\.net\/v1\.0\/keyword_search\?q=coffee&limit=2&after=/);
		expect(linked.paging.next).not.toMatch(/access_token/);

		const single = world({ discoveryPaging: 'single' });
		expect((await single.get('/v1.0/keyword_search?q=coffee&limit=2')).body).toEqual({ data: [{ id: '600' }, { id: '400' }] });
	});
});

describe('GET /me/mentions', () => {
	it('public posts of others that tag the user, newest first; not private profiles, not look-alike handles', async () => {
		const { get } = world();
		const answer = await get('/v1.0/me/mentions?fields=id,username,text,timestamp');
		expect((answer.body as Json).data).toEqual([{ id: '700', username: 'coffee.fan', text: 'Loving the blend from @brand.owner', timestamp: '2025-09-10T11:50:00+0000' }]);
	});

	it('needs threads_manage_mentions; without App Review only testers’ mentions', async () => {
		const { sim, get } = world();
		const basic = sim.issueToken(ME, { scopes: ['threads_basic'] });
		expect(((await get('/v1.0/me/mentions', basic)).body as Json).error.error_user_msg).toContain('threads_manage_mentions');
		sim.setAppReview({ mentions: false });
		expect(ids(await get('/v1.0/me/mentions'))).toEqual([]);
		sim.addTester(FAN);
		expect(ids(await get('/v1.0/me/mentions'))).toEqual(['700']);
	});
});

describe('replies and conversations', () => {
	const FIELDS = 'id,text,username,permalink,replied_to,root_post,has_replies,hide_status,is_reply_owned_by_me,is_verified';

	it('/replies: top-level only, newest first; reverse=false oldest first; private authors without username and permalink', async () => {
		const { get } = world();
		const answer = (await get(`/v1.0/500/replies?fields=${FIELDS}`)).body as Json;
		expect(answer.data.map((reply: Json) => reply.id)).toEqual(['903', '901']);
		expect(answer.data[0]).toEqual({ id: '903', text: 'quietly', replied_to: { id: '500' }, root_post: { id: '500' }, has_replies: false, hide_status: 'HIDDEN', is_reply_owned_by_me: false, is_verified: false });
		expect(answer.data[1]).toMatchObject({ username: 'coffee.fan', permalink: expect.stringContaining('@coffee.fan'), has_replies: true });
		expect(ids(await get('/v1.0/500/replies?reverse=false'))).toEqual(['901', '903']);
	});

	it('/conversation: every depth, flattened; is_verified only on direct replies', async () => {
		const { get } = world();
		const answer = (await get(`/v1.0/500/conversation?fields=${FIELDS}&reverse=false`)).body as Json;
		expect(answer.data.map((reply: Json) => reply.id)).toEqual(['901', '902', '903']);
		expect(answer.data[1]).toMatchObject({ replied_to: { id: '901' }, is_reply_owned_by_me: true });
		expect(answer.data[1]).not.toHaveProperty('is_verified');
	});

	it('a post with modelled replies says has_replies; others by their engagement', async () => {
		const { get } = world();
		expect(((await get('/v1.0/me/threads?fields=id,has_replies')).body as Json).data).toEqual([
			{ id: '500', has_replies: true },
			{ id: '400', has_replies: false },
		]);
	});

	it('needs threads_read_replies; someone else’s post is refused; an ignored limit gives pages of 25', async () => {
		const { sim, get } = world();
		const basic = sim.issueToken(ME, { scopes: ['threads_basic'] });
		expect(((await get('/v1.0/500/conversation', basic)).body as Json).error.error_user_msg).toContain('threads_read_replies');
		expect(((await get('/v1.0/700/replies')).body as Json).error).toMatchObject({ code: 100, error_subcode: 33 });

		const loose = world({ repliesIgnoreLimit: true });
		for (let i = 0; i < 30; i++) loose.sim.addReply({ id: String(1000 + i), authorId: FAN, rootId: '400', repliedToId: '400', timestamp: NOW - (100 - i) * MIN });
		const page = (await loose.get('/v1.0/400/replies?limit=5')).body as Json;
		expect(page.data).toHaveLength(25);
		expect(page.paging.cursors.after).toEqual(expect.any(String));
	});

	it('/me/replies: the user’s own replies, without hide_status', async () => {
		const { get } = world();
		expect(((await get('/v1.0/me/replies?fields=id,text,replied_to')).body as Json).data).toEqual([{ id: '902', text: 'thanks', replied_to: { id: '901' } }]);
		expect(((await get('/v1.0/me/replies?fields=id,hide_status')).body as Json).error.code).toBe(100);
	});

	it('GET /{reply-id} answers the reply', async () => {
		const { get } = world();
		expect((await get('/v1.0/901?fields=id,text,root_post')).body).toEqual({ id: '901', text: 'first!', root_post: { id: '500' } });
	});
});

describe('new post fields', () => {
	it('topic_tag and a poll’s total_votes', async () => {
		const { sim, get } = world();
		sim.getUser(ME)!.posts.unshift({ id: '550', mediaType: 'TEXT_POST', timestamp: NOW - MIN, text: 'Poll', poll: { options: ['A', 'B'], votesPercentage: [0.25, 0.75], expiresAt: NOW + 86_400_000, totalVotes: 40 } });
		const answer = (await get('/v1.0/me/threads?fields=id,topic_tag,poll_attachment&limit=2')).body as Json;
		expect(answer.data).toEqual([
			{ id: '550', poll_attachment: { option_a: 'A', option_b: 'B', option_a_votes_percentage: 0.25, option_b_votes_percentage: 0.75, expiration_timestamp: '2025-09-11T12:00:00+0000', total_votes: 40 } },
			{ id: '500', topic_tag: 'coffee' },
		]);
	});
});
