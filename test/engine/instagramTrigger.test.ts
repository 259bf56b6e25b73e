import nock from 'nock';

import { createPoller } from '../harness/runPoll';
import type { IgSimAccount, IgSimMedia } from '../simulator/instagram/instagramSimulator';
import { InstagramSimulator } from '../simulator/instagram/instagramSimulator';
import { adoptedTokenCredential, alertExample } from './fixtures';

const HOUR = 3600_000;
let sim: InstagramSimulator;
let account: IgSimAccount;
let token: string;

const media = (id: string, mediaProductType: IgSimMedia['mediaProductType'], views: number, ageHours: number): IgSimMedia => ({
	id,
	mediaProductType,
	mediaType: mediaProductType === 'REELS' ? 'VIDEO' : 'IMAGE',
	timestamp: Date.now() - ageHours * HOUR,
	caption: `Media ${id}`,
	metrics: { views, saved: 3 },
});

beforeEach(() => {
	nock.disableNetConnect();
	sim = new InstagramSimulator();
	account = sim.addAccount({
		id: '17841400000000009',
		username: 'alert.tester',
		followers: 990,
		media: [media('1803', 'REELS', 50, 1), media('1802', 'FEED', 1500, 30), media('1801', 'FEED', 900, 50)],
	});
	token = sim.issueToken(account.id);
	sim.install();
});
afterEach(() => {
	sim.uninstall();
	nock.cleanAll();
	nock.enableNetConnect();
});

const credentials = () => ({ instagramApi: adoptedTokenCredential(token) });
const setViews = (id: string, views: number) => {
	account.media.find((item) => item.id === id)!.metrics!.views = views;
};

describe('Instagram Insights Trigger (same crossing engine, Instagram source)', () => {
	it('recent media above 1,000 views: baseline first, then one event per crossing, with link and caption', async () => {
		const poller = createPoller(
			{ watch: 'recentMedia', recentScope: 'days', recentDays: 7, mediaMetrics: ['views', 'saved'], condition: 'above', threshold: 1000 },
			credentials(),
			{ nodeType: 'instagramTrigger' },
		);
		expect(await poller.poll()).toBeNull();
		// One list request, then one insights request per media.
		expect(sim.requests.filter((request) => request.path.endsWith('/insights')).map((request) => [request.path, request.query.metric])).toEqual([
			['/v23.0/1803/insights', 'views,saved'],
			['/v23.0/1802/insights', 'views,saved'],
			['/v23.0/1801/insights', 'views,saved'],
		]);
		setViews('1801', 1100);
		const fired = await poller.poll();
		expect(fired?.map((item) => item.json)).toEqual([
			{
				metric: 'views',
				value: 1100,
				previousValue: 900,
				threshold: 1000,
				condition: 'above',
				direction: 'up',
				crossedAt: expect.any(String),
				mediaId: '1801',
				permalink: expect.stringContaining('instagram.com'),
				text: 'Media 1801',
			},
		]);
		expect(await poller.poll()).toBeNull();
	});

	it('account followers pass 1,000 (milestones): one request per poll', async () => {
		const poller = createPoller({ watch: 'account', accountMetric: 'followers_count', condition: 'milestone', milestoneEvery: 1000 }, credentials(), {
			nodeType: 'instagramTrigger',
		});
		expect(await poller.poll()).toBeNull();
		account.followers = 2050;
		expect((await poller.poll())?.map((item) => item.json.threshold)).toEqual([1000, 2000]);
		expect(sim.requests.map((request) => request.path)).toEqual(['/v23.0/me', '/v23.0/me']);
	});

	it('a story is watched only on the metrics that apply to stories', async () => {
		account.media.unshift({ ...media('1804', 'STORY', 10, 2), viewers: 40 });
		const poller = createPoller({ watch: 'media', mediaId: '1804', mediaMetrics: ['views', 'saved'], condition: 'above', threshold: 5 }, credentials(), {
			nodeType: 'instagramTrigger',
		});
		expect(await poller.poll()).toBeNull();
		expect(sim.requests.map((request) => request.query.metric ?? request.query.fields)).toEqual(['id,permalink,caption,media_product_type', 'views']);
	});

	it('Instagram throttling (80002) is retried inside the poll', async () => {
		const poller = createPoller({ watch: 'recentMedia', mediaMetrics: ['views'], condition: 'above', threshold: 1000 }, credentials(), {
			nodeType: 'instagramTrigger',
		});
		await poller.poll();
		setViews('1801', 1200);
		sim.failNext({ kind: 'igRateLimit', times: 1, path: /1801\/insights/ });
		expect((await poller.poll())?.map((item) => item.json.mediaId)).toEqual(['1801']);
	});
});

describe('the shipped example "Alert when an Instagram post passes 1,000 views"', () => {
	it('its trigger, as configured in examples/, fires once per media that crosses, with every field its Slack message reads', async () => {
		const example = alertExample('alert-when-an-instagram-post-passes-1000-views.json');
		const poller = createPoller(example.triggerParameters, credentials(), { nodeType: 'instagramTrigger' });
		expect(await poller.poll()).toBeNull();
		setViews('1803', 1001);
		const events = (await poller.poll())?.map((item) => item.json) ?? [];
		expect(events.map((event) => [event.mediaId, event.value])).toEqual([['1803', 1001]]);
		expect(example.messageFields.sort()).toEqual(['metric', 'permalink', 'text', 'threshold', 'value']);
		for (const field of example.messageFields) expect(events[0][field]).toEqual(expect.anything());
		expect(await poller.poll()).toBeNull();
	});
});

describe('Instagram trigger: My Stories and every account metric', () => {
	it('My Stories watches each story up now (not posts, not expired stories) on story metrics only', async () => {
		account.media.unshift({ ...media('1805', 'STORY', 10, 3), viewers: 40, metrics: { views: 10, replies: 1 } }, { ...media('1806', 'STORY', 10, 30), viewers: 40 });
		const poller = createPoller({ watch: 'recentStories', mediaMetrics: ['replies', 'saved'], condition: 'above', threshold: 4 }, credentials(), { nodeType: 'instagramTrigger' });
		expect(await poller.poll()).toBeNull();
		expect(sim.requests.map((request) => [request.path, request.query.metric])).toEqual([
			['/v23.0/me/stories', undefined],
			['/v23.0/1805/insights', 'replies'],
		]);
		account.media[0].metrics!.replies = 6;
		expect((await poller.poll())?.map((item) => [item.json.mediaId, item.json.metric, item.json.value])).toEqual([['1805', 'replies', 6]]);
	});

	it.each(['gone', 'permission'] as const)('My Stories: a story expiring between the list and its insights (%s) is skipped, the poll goes on', async (answer) => {
		account.media.unshift({ ...media('1807', 'STORY', 10, 23.9), viewers: 40, metrics: { replies: 9 } }, { ...media('1805', 'STORY', 10, 3), viewers: 40, metrics: { views: 10, replies: 1 } });
		sim.expireStoryWhenListed('1807', answer);
		const poller = createPoller({ watch: 'recentStories', mediaMetrics: ['replies'], condition: 'above', threshold: 4 }, credentials(), { nodeType: 'instagramTrigger' });
		expect(await poller.poll()).toBeNull();
		expect(sim.requests.map((request) => [request.path, request.status])).toEqual([
			['/v23.0/me/stories', 200],
			['/v23.0/1805/insights', 200],
			['/v23.0/1807/insights', 400],
		]);
		account.media.find((item) => item.id === '1805')!.metrics!.replies = 6;
		expect((await poller.poll())?.map((item) => [item.json.mediaId, item.json.metric, item.json.value])).toEqual([['1805', 'replies', 6]]);
	});

	it.each(['replies', 'reposts', 'follows_and_unfollows', 'profile_links_taps'])('the account metric %s is watched with one request per poll', async (metric) => {
		const poller = createPoller({ watch: 'account', accountMetric: metric, accountWindow: 'yesterday', condition: 'above', threshold: 1e9 }, credentials(), { nodeType: 'instagramTrigger' });
		expect(await poller.poll()).toBeNull();
		expect(sim.requests.map((request) => [request.path, request.query.metric, request.query.metric_type])).toEqual([['/v23.0/me/insights', metric, 'total_value']]);
	});
});
