/**
 * Threads Trigger → New Items through n8n's poll machinery (harness/runPoll.ts: every poll is a
 * restart from what n8n saved), over sequences of polls, with exact requests per poll.
 */
import nock from 'nock';

import { createPoller } from '../harness/runPoll';
import type { SimPost } from '../simulator/threadsSimulator';
import { ThreadsSimulator } from '../simulator/threadsSimulator';
import { oauth2Credential, requestLines } from './fixtures';

const MIN = 60_000;
const ME = '5000000000000001';
const FAN = '5000000000000002';
const ALL_SCOPES = ['threads_basic', 'threads_keyword_search', 'threads_manage_mentions', 'threads_read_replies'];
const POST_FIELDS = 'id,username,text,timestamp,permalink,media_type,shortcode';
const REPLY_FIELDS = 'id,username,text,timestamp,permalink,replied_to,root_post,has_replies,hide_status,is_reply_owned_by_me';

let sim: ThreadsSimulator;
let token: string;
let fanPosts: SimPost[];
let seq = 0;

const fanPost = (text: string, ageMin = 0): SimPost => ({ id: String(6_000_000 + seq), shortcode: `s${seq++}`, mediaType: 'TEXT_POST', timestamp: Date.now() - ageMin * MIN - 1000, text, metrics: { views: 1 } });
const mention = () => fanPosts.unshift(fanPost(`hello @brand.owner #${seq}`));

beforeEach(() => {
	nock.disableNetConnect();
	sim = new ThreadsSimulator();
	sim.addUser({
		id: ME,
		username: 'brand.owner',
		posts: [
			{ id: '7100', mediaType: 'TEXT_POST', timestamp: Date.now() - 60 * MIN, text: 'Launch day', metrics: { replies: 0 } },
			{ id: '7000', mediaType: 'TEXT_POST', timestamp: Date.now() - 120 * MIN, text: 'Quiet post', metrics: { replies: 0 } },
		],
	});
	fanPosts = sim.addUser({ id: FAN, username: 'coffee.fan', posts: [fanPost('old mention of @brand.owner', 30), fanPost('coffee is great', 20)] }).posts;
	sim.addReply({ id: '8001', authorId: FAN, rootId: '7100', repliedToId: '7100', text: 'congrats', timestamp: Date.now() - 50 * MIN });
	token = sim.issueToken(ME, { scopes: ALL_SCOPES });
	sim.install();
});
afterEach(() => {
	sim.uninstall();
	nock.cleanAll();
	nock.enableNetConnect();
});

const mentionsWatch = { watch: 'newItems', newItemsSource: 'mentions' };
const ids = (items: Array<{ json: Record<string, unknown> }> | null) => (items ?? []).map((item) => item.json.id);

describe('Threads Trigger → New Items: mentions', () => {
	it('activation sets the starting point (no flood); each new mention fires once with its row; one request per poll', async () => {
		const poller = createPoller(mentionsWatch, oauth2Credential(token));
		expect(await poller.poll()).toBeNull();
		expect(requestLines(sim)).toEqual([`GET /v1.0/me/mentions?fields=${POST_FIELDS}&limit=100`]);

		mention();
		const fired = await poller.poll();
		expect(fired?.map((item) => item.json)).toEqual([
			{
				id: fanPosts[0].id,
				username: 'coffee.fan',
				text: fanPosts[0].text,
				timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
				permalink: expect.stringContaining('/@coffee.fan/post/'),
				media_type: 'TEXT_POST',
				shortcode: expect.any(String),
				source: 'mention',
			},
		]);
		expect(await poller.poll()).toBeNull(); // a restart from the saved state: no repeat
		expect(sim.requests).toHaveLength(3);
	});

	it('quiet polls whose changes n8n never saved lose nothing and repeat nothing', async () => {
		const poller = createPoller(mentionsWatch, oauth2Credential(token), { saveQuietPolls: false });
		await poller.poll();
		const saved = poller.persisted;
		expect(await poller.poll()).toBeNull();
		expect(await poller.poll()).toBeNull();
		expect(poller.persisted).toBe(saved);
		mention();
		mention();
		expect(ids(await poller.poll())).toEqual([fanPosts[1].id, fanPosts[0].id]); // oldest first
		expect(await poller.poll()).toBeNull();
		mention();
		expect(ids(await poller.poll())).toEqual([fanPosts[0].id]);
		expect(await poller.poll()).toBeNull();
	});

	it('after a long gap (150 new mentions) the poll pages until it reaches what it saw: 2 requests, each fires once', async () => {
		const poller = createPoller(mentionsWatch, oauth2Credential(token));
		await poller.poll();
		sim.reset();
		for (let i = 0; i < 150; i++) mention();
		const fired = await poller.poll();
		expect(fired).toHaveLength(150);
		expect(new Set(ids(fired)).size).toBe(150);
		expect(requestLines(sim)).toEqual([`GET /v1.0/me/mentions?fields=${POST_FIELDS}&limit=100`, expect.stringMatching(/^GET \/v1\.0\/me\/mentions\?after=[^&]+&fields=[^&]+&limit=100$/)]);
		expect(await poller.poll()).toBeNull();
	});

	it('the editor’s test step shows the newest items and leaves the saved state alone', async () => {
		const poller = createPoller(mentionsWatch, oauth2Credential(token));
		await poller.poll();
		const saved = poller.persisted;
		mention();
		expect(ids(await poller.poll('manual'))).toEqual([fanPosts[0].id, fanPosts[2].id]);
		expect(poller.persisted).toBe(saved);
		expect(ids(await poller.poll())).toEqual([fanPosts[0].id]);
	});

	it('a token without threads_manage_mentions: the message names it', async () => {
		const poller = createPoller(mentionsWatch, oauth2Credential(sim.issueToken(ME, { scopes: ['threads_basic'] })));
		await expect(poller.poll()).rejects.toThrow('The Threads credential is missing the "threads_manage_mentions" permission');
	});
});

describe('Threads Trigger → New Items: keyword search', () => {
	const searchWatch = { watch: 'newItems', newItemsSource: 'search', searchQuery: 'Coffee' };

	it('Recent results, one search query per poll; a new matching post fires once', async () => {
		const poller = createPoller(searchWatch, oauth2Credential(token));
		expect(await poller.poll()).toBeNull();
		expect(requestLines(sim)).toEqual([`GET /v1.0/keyword_search?fields=${POST_FIELDS}&limit=100&q=Coffee&search_type=RECENT`]);
		fanPosts.unshift(fanPost('more COFFEE please'));
		fanPosts.unshift(fanPost('tea time'));
		expect((await poller.poll())?.map((item) => [item.json.text, item.json.source])).toEqual([['more COFFEE please', 'search result']]);
		expect(await poller.poll()).toBeNull();
		expect(sim.requests).toHaveLength(3);
	});

	it('an empty keyword, or one of only "#", is refused before any request, naming "Search For"', async () => {
		await expect(createPoller({ ...searchWatch, searchQuery: ' ' }, oauth2Credential(token)).poll()).rejects.toThrow('"Search For" is empty');
		const error = (await createPoller({ ...searchWatch, searchQuery: '#' }, oauth2Credential(token))
			.poll()
			.catch((failure: unknown) => failure)) as { message: string; description?: string };
		expect(error.message).toBe('"Search For" must contain a keyword, not only "#"');
		expect(error.description).toMatch(/^Enter the keyword\(s\) to search for, e\.g\. coffee\. To search by topic tag, set "Search By" to Topic Tag\./);
		await expect(createPoller({ ...searchWatch, searchMode: 'TAG', searchQuery: '##' }, oauth2Credential(token)).poll()).rejects.toThrow('"Search For" must contain a topic tag, not only "#"');
		expect(sim.requests).toHaveLength(0);
	});

	it('a throttled search: the daily quota explained, as the node says it, and not retried (one request)', async () => {
		const poller = createPoller(searchWatch, oauth2Credential(token));
		await poller.poll();
		sim.failNext({ kind: 'rateLimit', times: 20, path: /keyword_search/ });
		const error = (await poller.poll().catch((failure: unknown) => failure)) as { message: string; description?: string };
		expect(error.message).toBe('Meta rate limit reached for keyword search: retry later');
		expect(error.description).toMatch(/^Meta allows 2,200 search queries per Threads account in any 24 hours, across all apps/);
		expect(JSON.stringify(error)).not.toContain(token);
		expect(sim.requests).toHaveLength(2);
	});

	it('a post dated within 10 minutes before activation that the first (not full) answer did not list fires', async () => {
		fanPosts.unshift(fanPost('espresso shot', 2));
		const poller = createPoller({ ...searchWatch, searchQuery: 'espresso' }, oauth2Credential(token), { saveQuietPolls: false });
		expect(await poller.poll()).toBeNull();
		fanPosts.push(fanPost('espresso listed late', 5));
		expect((await poller.poll())?.map((item) => item.json.text)).toEqual(['espresso listed late']);
		expect(await poller.poll()).toBeNull();
		expect(sim.requests).toHaveLength(3);
	});

	it('the keyword changed while active (an expression): new posts for it fire although nothing is saved in between (durable scheduler)', async () => {
		const poller = createPoller(searchWatch, oauth2Credential(token), { saveQuietPolls: false });
		expect(await poller.poll()).toBeNull();
		expect(await poller.poll()).toBeNull();
		fanPosts.unshift(fanPost('tea from long ago', 60));
		poller.parameters = { ...searchWatch, searchQuery: 'tea' };
		const saved = poller.persisted;
		expect(await poller.poll()).toBeNull(); // nothing for "tea" since the state was saved
		expect(await poller.poll()).toBeNull();
		expect(poller.persisted).toBe(saved); // quiet polls: nothing saved
		fanPosts.unshift(fanPost('green tea'));
		expect((await poller.poll())?.map((item) => item.json.text)).toEqual(['green tea']);
		expect(await poller.poll()).toBeNull();
		fanPosts.unshift(fanPost('more tea'));
		expect((await poller.poll())?.map((item) => item.json.text)).toEqual(['more tea']);
		expect(await poller.poll()).toBeNull();
		expect(requestLines(sim).slice(2)).toEqual(Array(6).fill(`GET /v1.0/keyword_search?fields=${POST_FIELDS}&limit=100&q=tea&search_type=RECENT`));
	});
});

describe('Threads Trigger → New Items: replies to my posts', () => {
	const repliesWatch = { watch: 'newItems', newItemsSource: 'replies', replyPostsDays: 7 };

	it('lists my recent posts, reads the conversation of each post with replies, fires new replies by others once', async () => {
		const poller = createPoller(repliesWatch, oauth2Credential(token));
		expect(await poller.poll()).toBeNull();
		expect(requestLines(sim).map((line) => line.replace(/since=\d+/, 'since=S'))).toEqual([
			'GET /v1.0/me/threads?fields=id,has_replies&limit=100&since=S',
			`GET /v1.0/7100/conversation?fields=${REPLY_FIELDS}&limit=100&reverse=true`,
		]);

		sim.reset();
		sim.addReply({ id: '8002', authorId: ME, rootId: '7100', repliedToId: '8001', text: 'thanks!', timestamp: Date.now() - 4000 });
		sim.addReply({ id: '8003', authorId: FAN, rootId: '7100', repliedToId: '8002', text: 'anytime', timestamp: Date.now() - 3000 });
		sim.addReply({ id: '8004', authorId: FAN, rootId: '7000', repliedToId: '7000', text: 'first on this one', timestamp: Date.now() - 2000 });
		const fired = await poller.poll();
		expect(fired?.map((item) => item.json)).toEqual([
			{ id: '8003', username: 'coffee.fan', text: 'anytime', timestamp: expect.any(String), permalink: expect.any(String), replied_to_id: '8002', root_post_id: '7100', has_replies: false, hide_status: 'NOT_HUSHED', source: 'reply' },
			{ id: '8004', username: 'coffee.fan', text: 'first on this one', timestamp: expect.any(String), permalink: expect.any(String), replied_to_id: '7000', root_post_id: '7000', has_replies: false, hide_status: 'NOT_HUSHED', source: 'reply' },
		]);
		expect(sim.requests).toHaveLength(3); // the list + one conversation per post with replies
		expect(await poller.poll()).toBeNull();
	});

	it('"Posts From the Last (Days)" must be a whole number: refused before any request', async () => {
		const poller = createPoller({ ...repliesWatch, replyPostsDays: 0 }, oauth2Credential(token));
		await expect(poller.poll()).rejects.toThrow('"Posts From the Last (Days)" must be a whole number of at least 1');
		expect(sim.requests).toHaveLength(0);
	});
});
