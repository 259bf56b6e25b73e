import nock from 'nock';

import { createPoller } from '../harness/runPoll';
import type { SimPost } from '../simulator/threadsSimulator';
import { ThreadsSimulator } from '../simulator/threadsSimulator';
import { adoptedTokenCredential, alertExample, oauth2Credential, requestLines } from './fixtures';

const HOUR = 3600_000;
let sim: ThreadsSimulator;
let token: string;
let posts: SimPost[];
const USER_ID = '2000000000000001';

function post(id: string, views: number, ageHours: number): SimPost {
	return { id, mediaType: 'TEXT_POST', timestamp: Date.now() - ageHours * HOUR, text: `Post ${id}`, shortcode: `s${id}`, metrics: { views, likes: 1 } };
}
const setViews = (id: string, views: number) => {
	posts.find((p) => p.id === id)!.metrics!.views = views;
};

beforeEach(() => {
	nock.disableNetConnect();
	sim = new ThreadsSimulator();
	const user = sim.addUser({
		id: USER_ID,
		username: 'alert.tester',
		followers: 9990,
		posts: [post('1003', 50, 1), post('1002', 1500, 30), post('1001', 900, 50)],
	});
	posts = user.posts;
	token = sim.issueToken(USER_ID);
	sim.install();
});
afterEach(() => {
	sim.uninstall();
	nock.cleanAll();
	nock.enableNetConnect();
});

const recentViewsAbove1000 = {
	watch: 'recentPosts',
	recentScope: 'days',
	recentDays: 7,
	postMetrics: ['views'],
	condition: 'above',
	threshold: 1000,
};

describe('Threads Trigger: recent posts, rises above', () => {
	it('first poll sets the baseline (no flood), then fires once per crossing, and never again after a restart', async () => {
		const poller = createPoller(recentViewsAbove1000, oauth2Credential(token));
		expect(await poller.poll()).toBeNull();
		// One page of posts + one insights call per post, no more.
		expect(requestLines(sim).map((line) => line.replace(/since=\d+/, 'since=S'))).toEqual([
			'GET /v1.0/me/threads?fields=id,permalink,text,media_type&limit=100&since=S',
			'GET /v1.0/1003/insights?metric=views',
			'GET /v1.0/1002/insights?metric=views',
			'GET /v1.0/1001/insights?metric=views',
		]);

		setViews('1001', 1100);
		const fired = await poller.poll();
		expect(fired?.map((item) => item.json)).toEqual([
			{
				metric: 'views',
				value: 1100,
				previousValue: 900,
				threshold: 1000,
				condition: 'above',
				direction: 'up',
				crossedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
				mediaId: '1001',
				permalink: expect.stringContaining('/post/'),
				text: 'Post 1001',
			},
		]);

		setViews('1001', 1200);
		expect(await poller.poll()).toBeNull(); // stays above: edge-triggered
		expect(await poller.poll()).toBeNull(); // each poll reloads the persisted state: a restart

		setViews('1001', 800);
		expect(await poller.poll()).toBeNull(); // falls back: re-arms
		setViews('1001', 1300);
		expect((await poller.poll())?.map((item) => item.json.value)).toEqual([1300]);
	});

	it('"fire for values already past on activation" fires those once', async () => {
		const poller = createPoller({ ...recentViewsAbove1000, options: { fireOnActivation: true } }, oauth2Credential(token));
		expect((await poller.poll())?.map((item) => [item.json.mediaId, item.json.value])).toEqual([['1002', 1500]]);
		expect(await poller.poll()).toBeNull();
	});

	it('a new post published after activation that is already past fires', async () => {
		const poller = createPoller(recentViewsAbove1000, oauth2Credential(token));
		await poller.poll();
		posts.unshift(post('1004', 2500, 0.5));
		expect((await poller.poll())?.map((item) => [item.json.mediaId, item.json.previousValue])).toEqual([['1004', null]]);
	});

	it('manual mode returns current values shaped like events and leaves the saved state alone', async () => {
		const poller = createPoller(recentViewsAbove1000, oauth2Credential(token));
		await poller.poll();
		const saved = poller.persisted;
		setViews('1001', 1100);
		const samples = await poller.poll('manual');
		expect(samples?.map((item) => item.json.mediaId)).toEqual(['1003', '1002', '1001']);
		expect(Object.keys(samples![0].json).sort()).toEqual(
			['condition', 'conditionMet', 'crossedAt', 'direction', 'mediaId', 'metric', 'permalink', 'previousValue', 'sample', 'text', 'threshold', 'value'].sort(),
		);
		// Marked as samples, saying whether the condition holds now: only values past 1,000 say so.
		expect(samples?.map((item) => [item.json.value, item.json.sample, item.json.conditionMet, item.json.direction, item.json.crossedAt])).toEqual([
			[50, true, false, null, null],
			[1500, true, true, 'up', null],
			[1100, true, true, 'up', null],
		]);
		expect(poller.persisted).toBe(saved);
		// The real crossing is still there for the next production poll.
		expect((await poller.poll())?.map((item) => item.json.mediaId)).toEqual(['1001']);
	});

	it('the test step with a threshold nothing reaches shows samples that say so, never a crossing', async () => {
		const poller = createPoller({ ...recentViewsAbove1000, threshold: 10_000_000 }, oauth2Credential(token));
		const samples = await poller.poll('manual');
		expect(samples).toHaveLength(3);
		expect(samples?.every((item) => item.json.sample === true && item.json.conditionMet === false && item.json.direction === null)).toBe(true);
	});

	it('the test step with nothing to watch still shows the shape of an event, clearly a sample', async () => {
		posts.splice(0); // an account with no posts yet
		const poller = createPoller(recentViewsAbove1000, oauth2Credential(token));
		const samples = await poller.poll('manual');
		expect(samples?.map((item) => item.json)).toEqual([
			{ condition: 'above', conditionMet: false, crossedAt: null, direction: null, mediaId: '', metric: 'views', permalink: null, previousValue: null, sample: true, text: null, threshold: 1000, value: null },
		]);
	});

	it('a poll interrupted by rate limits loses no event: the next poll catches up', async () => {
		const poller = createPoller(recentViewsAbove1000, oauth2Credential(token), { pollBudgetMs: 2000 });
		await poller.poll();
		setViews('1001', 1100);
		setViews('1003', 1200);
		sim.failNext({ kind: 'rateLimit', times: 50, path: /\/1003\/insights/ });
		expect((await poller.poll())?.map((item) => item.json.mediaId)).toEqual(['1001']);
		sim.reset(); // Meta lets requests through again
		expect((await poller.poll())?.map((item) => [item.json.mediaId, item.json.previousValue])).toEqual([['1003', 50]]);
	});

	it('a short burst of rate limits is absorbed by retrying with backoff', async () => {
		const poller = createPoller(recentViewsAbove1000, oauth2Credential(token));
		await poller.poll();
		sim.reset();
		setViews('1001', 1100);
		sim.failNext({ kind: 'rateLimit', times: 1, path: /\/1001\/insights/ });
		expect((await poller.poll())?.map((item) => item.json.mediaId)).toEqual(['1001']);
		expect(sim.requests.filter((request) => request.path.endsWith('/1001/insights'))).toHaveLength(2);
		expect(sim.requests).toHaveLength(5);
	});

	it('posts that leave the watch window are dropped from the state', async () => {
		const poller = createPoller(recentViewsAbove1000, oauth2Credential(token));
		await poller.poll();
		expect(poller.persisted).toContain('1001');
		posts.find((p) => p.id === '1001')!.timestamp = Date.now() - 8 * 24 * HOUR;
		await poller.poll();
		expect(poller.persisted).not.toContain('1001');
		expect(poller.persisted).toContain('1002');
	});

	it('latest K posts: one list request for K, then K insight calls', async () => {
		const poller = createPoller({ ...recentViewsAbove1000, recentScope: 'latest', recentCount: 2 }, oauth2Credential(token));
		await poller.poll();
		expect(requestLines(sim)).toEqual([
			'GET /v1.0/me/threads?fields=id,permalink,text,media_type&limit=2',
			'GET /v1.0/1003/insights?metric=views',
			'GET /v1.0/1002/insights?metric=views',
		]);
	});

	it('an expired token fails the poll with the reconnect message', async () => {
		const poller = createPoller(recentViewsAbove1000, oauth2Credential(token));
		sim.failNext({ kind: 'expiredToken', times: 2 });
		await expect(poller.poll()).rejects.toThrow(/expired or was revoked/);
	});
});

describe('Threads Trigger: other watches and conditions', () => {
	it('account followers pass 10,000: one request per poll, without since/until', async () => {
		const poller = createPoller({ watch: 'account', accountMetric: 'followers_count', condition: 'above', threshold: 10000 }, oauth2Credential(token));
		expect(await poller.poll()).toBeNull();
		sim.getUser(USER_ID)!.followers = 10005;
		const fired = await poller.poll();
		expect(fired?.map((item) => item.json)).toEqual([
			{ metric: 'followers_count', value: 10005, previousValue: 9990, threshold: 10000, condition: 'above', direction: 'up', crossedAt: expect.any(String) },
		]);
		expect(requestLines(sim)).toEqual([
			'GET /v1.0/me/threads_insights?metric=followers_count',
			'GET /v1.0/me/threads_insights?metric=followers_count',
		]);
	});

	it('account views over yesterday: the request carries yesterday’s Meta day', async () => {
		const poller = createPoller({ watch: 'account', accountMetric: 'views', accountWindow: 'yesterday', condition: 'below', threshold: 50 }, oauth2Credential(token));
		await poller.poll();
		expect(sim.requests[0].query).toEqual({ metric: 'views', since: expect.stringMatching(/^\d+$/), until: expect.stringMatching(/^\d+$/) });
		// One Meta day (it starts at 08:00 UTC), up to now if it has not ended yet.
		const since = Number(sim.requests[0].query.since);
		expect(since % 86400).toBe(8 * 3600);
		expect(Number(sim.requests[0].query.until)).toBe(Math.min(since + 86400, Math.floor(Date.now() / 1000)));
	});

	it('one post, every milestone of 1,000: one event per milestone passed, post fields fetched only when firing', async () => {
		const poller = createPoller(
			{ watch: 'post', mediaId: { __rl: true, mode: 'id', value: '1001' }, postMetrics: ['views'], condition: 'milestone', milestoneEvery: 1000 },
			oauth2Credential(token),
		);
		expect(await poller.poll()).toBeNull();
		expect(sim.requests).toHaveLength(1);
		setViews('1001', 3100);
		const fired = await poller.poll();
		expect(fired?.map((item) => item.json.threshold)).toEqual([1000, 2000, 3000]);
		expect(fired?.[0].json).toMatchObject({ mediaId: '1001', text: 'Post 1001', permalink: expect.stringContaining('/post/') });
		expect(requestLines(sim).slice(1)).toEqual(['GET /v1.0/1001/insights?metric=views', 'GET /v1.0/1001?fields=id,permalink,text']);
	});

	it('grows by 10% since it last fired', async () => {
		const poller = createPoller({ ...recentViewsAbove1000, postMetrics: ['views'], condition: 'growsBy', growthAmount: 0, growthPercent: 10 }, oauth2Credential(token));
		await poller.poll();
		setViews('1002', 1600);
		expect(await poller.poll()).toBeNull();
		setViews('1002', 1700);
		expect((await poller.poll())?.map((item) => [item.json.mediaId, item.json.value])).toEqual([['1002', 1700]]);
		setViews('1002', 1800);
		expect(await poller.poll()).toBeNull(); // baseline moved to 1700
	});

	it('invalid settings are refused before any request', async () => {
		const poller = createPoller({ ...recentViewsAbove1000, condition: 'milestone', milestoneEvery: 0 }, oauth2Credential(token));
		await expect(poller.poll()).rejects.toThrow(/every/i);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('the shipped example "Alert when a post passes 1,000 views"', () => {
	it('its trigger, as configured in examples/, fires once per post that crosses, with every field its Slack message reads', async () => {
		const example = alertExample('alert-when-a-post-passes-1000-views.json');
		const poller = createPoller(example.triggerParameters, { threadsApi: adoptedTokenCredential(token) });
		expect(await poller.poll()).toBeNull();
		setViews('1001', 1200);
		const events = (await poller.poll())?.map((item) => item.json) ?? [];
		expect(events.map((event) => [event.mediaId, event.value])).toEqual([['1001', 1200]]);
		expect(example.messageFields.sort()).toEqual(['metric', 'permalink', 'text', 'threshold', 'value']);
		for (const field of example.messageFields) expect(events[0][field]).toEqual(expect.anything());
		expect(await poller.poll()).toBeNull();
	});
});

describe('Threads Trigger: bad input is refused before any request', () => {
	it.each<[Record<string, unknown>, RegExp]>([
		[{ recentScope: 'latest', recentCount: 0 }, /"Number of Posts" must be a whole number of at least 1, not 0/],
		[{ recentScope: 'latest', recentCount: 2.5 }, /"Number of Posts" must be a whole number/],
		[{ recentScope: 'days', recentDays: '={{ "abc" }}' }, /"Days" must be a whole number of at least 1, not "abc"/],
		[{ postMetrics: '={{ ["views", "impressions"] }}' }, /"Metrics" has a metric this watch does not have: impressions/],
		[{ watch: 'account', accountMetric: 'follower_demographics' }, /"Metric" must be one of views, likes/],
	])('%j', async (parameters, message) => {
		const poller = createPoller({ ...recentViewsAbove1000, ...parameters }, oauth2Credential(token));
		await expect(poller.poll()).rejects.toThrow(message);
		expect(sim.requests).toHaveLength(0);
	});

	it('metrics as a comma-separated text are accepted', async () => {
		const poller = createPoller({ ...recentViewsAbove1000, postMetrics: '={{ "views, likes" }}' }, oauth2Credential(token));
		expect(await poller.poll()).toBeNull();
		expect(requestLines(sim).filter((line) => line.includes('/insights')).every((line) => line.includes('metric=views,likes'))).toBe(true);
	});
});

