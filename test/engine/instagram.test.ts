import * as fs from 'fs';
import * as path from 'path';
import { DateTime } from 'luxon';
import nock from 'nock';
import type { INodeParameters } from 'n8n-workflow';

import { createInstagramDemoWorld } from '../simulator/instagram/demoWorld';
import type { IgSimAccount } from '../simulator/instagram/instagramSimulator';
import { InstagramSimulator } from '../simulator/instagram/instagramSimulator';
import { expectNoSecrets, runInstagram as runInstagramNode } from './fixtures';

const frozenNow = Date.now();
let sim: InstagramSimulator;
let token: string;
let account: IgSimAccount;

beforeEach(() => {
	nock.disableNetConnect();
	sim = new InstagramSimulator({ now: () => frozenNow });
	({ account, token } = createInstagramDemoWorld(sim));
	sim.install();
});
afterEach(() => {
	sim.uninstall();
	nock.cleanAll();
	nock.enableNetConnect();
});

async function runInstagram(parameters: INodeParameters, input: object[] = [{}]) {
	return await runInstagramNode({ token, parameters, input, issuedAt: frozenNow });
}

async function raw(path: string): Promise<any> {
	const answer = await sim.handle({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
	sim.reset();
	return answer.body;
}

const day = (offset: number) => Math.floor(frozenNow / 1000) + offset * 86400;
const isoDate = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);
/** Start of a day (plus `after` days) in Meta's Instagram day zone, Pacific time. */
const pacificMidnight = (date: string, after = 0) => DateTime.fromISO(date, { zone: 'America/Los_Angeles' }).plus({ days: after }).toSeconds();
const pacificDate = (unix: number) => DateTime.fromSeconds(unix, { zone: 'America/Los_Angeles' }).toISODate();

describe('Instagram → Account → Get Insights', () => {
	it('totals for the range: one row, one request aligned to Pacific days, token in the header', async () => {
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['views', 'likes'], dateRange: 'custom', since: day(-10), until: day(-3) });
		expect(result.error).toBeUndefined();
		expect(sim.requests.map((request) => [request.path, request.authVia])).toEqual([['/v23.0/me/insights', 'header']]);
		const { since, until } = sim.requests[0].query;
		expect(Number(since)).toBe(pacificMidnight(isoDate(day(-10))));
		expect(Number(until)).toBe(pacificMidnight(isoDate(day(-3)), 1));
		const answer = await raw(`/v23.0/me/insights?metric=views,likes&period=day&metric_type=total_value&since=${since}&until=${until}`);
		const total = (name: string) => answer.data.find((entry: any) => entry.name === name).total_value.value;
		expect(result.items).toEqual([{ since: isoDate(day(-10)), until: isoDate(day(-3)), views: total('views'), likes: total('likes'), complete: true }]);
		expectNoSecrets(result, token);
	});

	it('Compare With Previous Period: the week before, one more request, _previous and _change_pct after each metric', async () => {
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['views', 'likes'], dateRange: 'custom', since: isoDate(day(-10)), until: isoDate(day(-4)), compareWithPrevious: true });
		expect(result.error).toBeUndefined();
		expect(sim.requests).toHaveLength(2);
		const [current, previous] = sim.requests.map((request) => [Number(request.query.since), Number(request.query.until)]);
		expect(previous).toEqual([pacificMidnight(isoDate(day(-17))), pacificMidnight(isoDate(day(-11)), 1)]);
		expect(current[0]).toBe(previous[1]);
		const totalOf = async ([since, until]: number[], name: string) =>
			(await raw(`/v23.0/me/insights?metric=views,likes&period=day&metric_type=total_value&since=${since}&until=${until}`)).data.find((entry: any) => entry.name === name).total_value.value;
		const likesBefore = await totalOf(previous, 'likes');
		const likesNow = await totalOf(current, 'likes');
		expect(Object.keys(result.items[0])).toEqual(['since', 'until', 'views', 'views_previous', 'views_change_pct', 'likes', 'likes_previous', 'likes_change_pct', 'complete']);
		expect(result.items[0]).toMatchObject({ likes: likesNow, likes_previous: likesBefore, likes_change_pct: Math.round(((likesNow - likesBefore) / likesBefore) * 1000) / 10 });
	});

	it('Compare With Previous Period over more than one 30-day window is refused before any request', async () => {
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['likes'], dateRange: 'custom', since: isoDate(day(-45)), until: isoDate(day(-2)), compareWithPrevious: true });
		expect(result.error?.message).toMatch(/compares one period of up to 30 days on Instagram/);
		expect(sim.requests).toHaveLength(0);
	});

	it('a breakdown gives one row per value with a column per metric', async () => {
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['views', 'likes'], breakdown: 'media_product_type', dateRange: 'last7Days' });
		expect(result.error).toBeUndefined();
		expect(result.items.length).toBeGreaterThan(1);
		for (const row of result.items) {
			expect(row).toEqual({ since: expect.any(String), until: expect.any(String), breakdown: 'media_product_type', dimension: expect.stringMatching(/^(AD|FEED|REELS|STORY)$/), views: expect.anything(), likes: expect.anything(), complete: true });
		}
	});

	it('a breakdown a metric does not take is refused before any request, naming the metric', async () => {
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['views', 'likes'], breakdown: 'follow_type' });
		expect(result.error?.message).toMatch(/follow_type does not apply to likes/);
		expect(sim.requests).toHaveLength(0);
	});

	it('a range longer than 30 days is split into allowed windows, one row each, not refused', async () => {
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['likes'], dateRange: 'custom', since: day(-70), until: day(-5) });
		expect(result.error).toBeUndefined();
		const windows = sim.requests.map((request) => [Number(request.query.since), Number(request.query.until)]);
		// Whole Pacific days, at most 30 days each, back to back, from the first day to the end of the last.
		expect(windows[0][0]).toBe(pacificMidnight(isoDate(day(-70))));
		expect(windows.at(-1)?.[1]).toBe(pacificMidnight(isoDate(day(-5)), 1));
		for (const [index, [since, until]] of windows.entries()) {
			expect(until - since).toBeLessThanOrEqual(30 * 86400);
			if (index > 0) expect(since).toBe(windows[index - 1][1]);
		}
		expect(result.items.map((row) => [row.since, row.until])).toEqual(windows.map(([since, until]) => [pacificDate(since), pacificDate(until - 1)]));
		expect(result.items).toHaveLength(3);
		// Likes add up: the windows together equal the sum of their own totals.
		let sum = 0;
		for (const [since, until] of windows) sum += (await raw(`/v23.0/me/insights?metric=likes&period=day&metric_type=total_value&since=${since}&until=${until}`)).data[0].total_value.value;
		expect(result.items.reduce((total, row) => total + row.likes, 0)).toBe(sum);
	});

	it('a range reaching past the 90 days Instagram keeps is refused with the reason', async () => {
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['likes'], dateRange: 'custom', since: day(-120), until: day(-5) });
		expect(result.error?.message).toMatch(/90 days/);
		expect(sim.requests).toHaveLength(0);
	});

	it('audience demographics with a timeframe: one row per value, largest first', async () => {
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', report: 'demographics', demographicMetric: 'follower_demographics', demographicBreakdown: 'country', timeframe: 'this_week' });
		expect(result.error).toBeUndefined();
		expect(sim.requests[0].query).toMatchObject({ metric: 'follower_demographics', period: 'lifetime', timeframe: 'this_week', breakdown: 'country', metric_type: 'total_value' });
		expect(result.items.length).toBeGreaterThan(0);
		expect(result.items.length).toBeLessThanOrEqual(45);
		const counts = result.items.map((row) => row.followers);
		expect([...counts].sort((a, b) => b - a)).toEqual(counts);
		expect(result.items[0]).toEqual({ breakdown: 'country', dimension: expect.any(String), followers: expect.any(Number) });
	});
});

describe('Instagram → Media', () => {
	it('List + Include Insights (all for its type): each row gets the metrics valid for its type; notes instead of failures', async () => {
		const result = await runInstagram({ resource: 'media', operation: 'list', returnAll: true, fields: ['id', 'media_product_type', 'timestamp'], includeInsights: ['all'] });
		expect(result.error).toBeUndefined();
		const listed = account.media.filter((media) => media.mediaProductType !== 'STORY');
		expect(result.items).toHaveLength(listed.length);
		const reel = result.items.find((row) => row.media_product_type === 'REELS')!;
		expect(typeof reel.ig_reels_avg_watch_time).toBe('number');
		const feed = result.items.find((row) => row.media_product_type === 'FEED' && row.insights_note === undefined)!;
		expect(feed.ig_reels_avg_watch_time).toBeNull();
		expect(typeof feed.saved).toBe('number');
		const old = result.items.filter((row) => /before the account became a professional account/.test(row.insights_note ?? ''));
		expect(old.length).toBe(2);
		for (const row of old) expect(row.views).toBeNull();
		// One list page request plus one insights request per media, no more.
		expect(sim.requests.length).toBe(1 + listed.length);
	});

	it('Get Insights on a story with too few viewers: empty metrics with a note', async () => {
		const story = account.media.find((media) => media.mediaProductType === 'STORY' && (media.viewers ?? 99) < 5)!;
		const result = await runInstagram({ resource: 'media', operation: 'getInsights', mediaId: story.id });
		expect(result.error).toBeUndefined();
		expect(result.items[0]).toMatchObject({ id: story.id, media_product_type: 'STORY', views: null, insights_note: expect.stringMatching(/too few viewers/) });
	});

	it('Get Insights asks only for metrics valid for the media type and notes the others', async () => {
		const reel = account.media.find((media) => media.mediaProductType === 'REELS')!;
		const result = await runInstagram({ resource: 'media', operation: 'getInsights', mediaId: reel.id, metrics: ['views', 'profile_visits'] });
		expect(result.error).toBeUndefined();
		expect(sim.requests.map((request) => request.query.metric ?? request.query.fields)).toEqual(['id,media_type,media_product_type', 'views']);
		expect(result.items[0]).toMatchObject({ id: reel.id, views: expect.any(Number), profile_visits: null, insights_note: 'profile_visits does not apply to REELS media' });
	});

	it('Get returns the fields as a flat row', async () => {
		const carousel = account.media.find((media) => media.mediaType === 'CAROUSEL_ALBUM')!;
		const result = await runInstagram({ resource: 'media', operation: 'get', mediaId: carousel.id, fields: ['id', 'media_type', 'children'] });
		expect(result.items[0]).toEqual({ id: carousel.id, media_type: 'CAROUSEL_ALBUM', children_ids: carousel.children!.map((child) => child.id).join(',') });
	});

	it('errors name Instagram, not Threads', async () => {
		sim.failNext({ kind: 'invalidParameter', path: /\/media/ });
		const result = await runInstagram({ resource: 'media', operation: 'list', limit: 5 });
		expect(result.error?.message).toMatch(/^Instagram rejected the request: /);
	});

	it('Instagram rate limits (80002 and 4) get the same adaptive retry', async () => {
		sim.failNext({ kind: 'igRateLimit', times: 2, path: /\/insights/ });
		sim.failNext({ kind: 'rateLimit', times: 1, path: /\/insights/ });
		const result = await runInstagram({ resource: 'media', operation: 'list', limit: 5, fields: ['id', 'media_product_type'], includeInsights: ['likes'] });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(sim.requests.filter((request) => request.status !== 200)).toHaveLength(3);
	});

	it('a missing permission names the scope', async () => {
		token = sim.issueToken(account.id, { scopes: ['instagram_business_basic'] });
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['likes'] });
		expect(result.error?.message).toMatch(/missing the "instagram_business_manage_insights" permission/);
	});
});

describe('Instagram → Account → Get Token Status', () => {
	it('the professional account behind the token and its renewal dates, in one request', async () => {
		const result = await runInstagram({ resource: 'account', operation: 'getTokenStatus' });
		expect(result.error).toBeUndefined();
		expect(sim.requests.map((request) => request.path)).toEqual(['/v23.0/me']);
		expect(result.items).toEqual([
			{
				user_id: account.id,
				username: account.username,
				token_issued_at: new Date(frozenNow).toISOString(),
				token_expires_at: new Date(frozenNow + 60 * 86400_000).toISOString(),
				days_left: 59,
				renews_on: new Date(frozenNow + 7 * 86400_000).toISOString(),
				renewal: 'scheduled',
			},
		]);
		expectNoSecrets(result, token);
	});
});

describe('Instagram: several items, faults, paging', () => {
	const paired = (result: { output: Record<string, Array<{ pairedItem?: unknown }>> }) =>
		(result.output.Instagram ?? []).map((item) => (item.pairedItem as { item: number }).item);

	it('List with 3 uneven items: every row paired with its item', async () => {
		const result = await runInstagram({ resource: 'media', operation: 'list', limit: '={{ $json.n }}', fields: ['id'] }, [{ n: 2 }, { n: 1 }, { n: 3 }]);
		expect(result.error).toBeUndefined();
		expect(paired(result)).toEqual([0, 0, 1, 2, 2, 2]);
	});

	it('Get Insights with 3 items, one failing for good: the node fails with Instagram’s message after 3 tries of that request', async () => {
		const ids = (await raw('/v23.0/me/media?fields=id,media_product_type&limit=10')).data
			.filter((media: { media_product_type: string }) => media.media_product_type !== 'STORY')
			.slice(0, 3)
			.map((media: { id: string }) => media.id);
		sim.failNext({ kind: 'htmlError', path: new RegExp(`/${ids[1]}/insights`), times: 10 });
		const parameters = { resource: 'media', operation: 'getInsights', mediaId: '={{ $json.id }}', metrics: ['likes'], options: { timeout: 0.3 } };
		const nodes = await runInstagram(parameters, ids.map((id: string) => ({ id })));
		expect(nodes.error?.message).toMatch(/Instagram had a temporary problem/);
		expect(sim.requests.filter((request) => request.path.endsWith(`/${ids[1]}/insights`))).toHaveLength(3);
	});

	it('a reset and an empty page with `next` on Return All: every media arrives once, one extra request each', async () => {
		const all = (await raw('/v23.0/me/media?fields=id&limit=100')).data.map((media: { id: string }) => media.id);
		sim.failNext({ kind: 'reset', path: /\/me\/media/ });
		sim.failNext({ kind: 'emptyPageWithNext', path: /\/me\/media/ });
		const result = await runInstagram({ resource: 'media', operation: 'list', returnAll: true, fields: ['id'], options: { timeout: 0.3 } });
		expect(result.error).toBeUndefined();
		expect(result.items.map((row) => row.id)).toEqual(all);
		expect(sim.requests).toHaveLength(Math.ceil(all.length / 100) + 2);
	});

	it('a repeated cursor stops with an error naming it', async () => {
		sim.failNext({ kind: 'repeatCursor', path: /\/me\/media/, times: 5 });
		const result = await runInstagram({ resource: 'media', operation: 'list', returnAll: true, fields: ['id'] });
		expect(result.error?.message).toMatch(/same page cursor twice/);
		expect(sim.requests.length).toBeLessThanOrEqual(3);
	});
});

describe('Instagram Login: stories, breakdowns, Facebook-only metrics, Meta’s announced wait', () => {
	it('List Stories: only the stories up now, one request, their metrics (no Facebook-only link_clicks column)', async () => {
		const live = account.media.filter((media) => media.mediaProductType === 'STORY' && frozenNow - media.timestamp < 86400_000);
		const result = await runInstagram({ resource: 'media', operation: 'listStories', returnAll: true, fields: ['id', 'permalink'], includeInsights: ['all'] });
		expect(result.error).toBeUndefined();
		expect(sim.requests.map((request) => request.path)).toEqual(['/v23.0/me/stories', ...live.map((story) => `/v23.0/${story.id}/insights`)]);
		expect(result.items.map((row) => row.id)).toEqual(live.map((story) => story.id));
		const seen = result.items.find((row) => row.insights_note === undefined)!;
		expect(seen).toMatchObject({ navigation: expect.any(Number), profile_activity: expect.any(Number), replies: expect.any(Number), follows: expect.any(Number) });
		expect(Object.keys(seen)).not.toContain('link_clicks');
	});

	it('a Facebook-only metric asked on Instagram Login is left empty with a note, not requested', async () => {
		const reel = account.media.find((media) => media.mediaProductType === 'REELS')!;
		const result = await runInstagram({ resource: 'media', operation: 'getInsights', mediaId: reel.id, metrics: ['views', 'total_likes'] });
		expect(sim.requests.map((request) => request.query.metric ?? request.query.fields)).toEqual(['id,media_type,media_product_type', 'views']);
		expect(result.items[0]).toMatchObject({ views: expect.any(Number), total_likes: null, insights_note: 'total_likes does not apply to REELS media' });
	});

	it('Profile activity by action type with 2 uneven items: one row per action, each paired with its item', async () => {
		const feed = account.media.filter((media) => media.mediaProductType === 'FEED' && media.timestamp > account.businessSince).slice(0, 2);
		const result = await runInstagram({ resource: 'media', operation: 'getInsights', mediaId: '={{ $json.id }}', mediaBreakdown: 'action_type' }, feed.map((media) => ({ id: media.id })));
		expect(result.error).toBeUndefined();
		expect(sim.requests).toHaveLength(4);
		const expected: number[] = [];
		for (const [index, media] of feed.entries()) {
			const answer = await raw(`/v23.0/${media.id}/insights?metric=profile_activity&breakdown=action_type`);
			expected.push(...answer.data[0].total_value.breakdowns[0].results.map(() => index));
		}
		expect((result.output.Instagram ?? []).map((item) => (item.pairedItem as { item: number }).item)).toEqual(expected);
	});

	it('Daily Reach over 45 days: two 30-day windows, one row per day', async () => {
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', report: 'dailyReach', dateRange: 'custom', since: isoDate(day(-46)), until: isoDate(day(-2)) });
		expect(result.error).toBeUndefined();
		expect(sim.requests).toHaveLength(2);
		expect(result.items).toHaveLength(45);
		expect(result.items[0].date).toBe(isoDate(day(-46)));
		expect(result.items.at(-1)?.date).toBe(isoDate(day(-2)));
	});

	it('a throttled answer announcing access back in 60 minutes fails at once when the wait budget is shorter (no blind retries)', async () => {
		sim.failNext({ kind: 'igRateLimit', regainAccessMinutes: 60, path: /insights/, times: 5 });
		const started = Date.now();
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['reach'], options: { maxRateLimitWait: 30 } });
		expect(result.error?.message).toMatch(/too many calls|rate limit/i);
		expect(sim.requests).toHaveLength(1);
		expect(Date.now() - started).toBeLessThan(5000);
	});
});

describe("Meta's announced wait (X-Business-Use-Case-Usage) and Max Wait When Rate Limited", () => {
	it('an announced wait longer than the budget fails at once, naming the wait and the option', async () => {
		sim.failNext({ kind: 'igRateLimit', regainAccessMinutes: 5, path: /insights/, times: 5 });
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['reach'], options: { maxRateLimitWait: 60 } });
		expect(result.error?.message).toBe('Meta rate limit reached: Meta says access returns in about 5 min, longer than Max Wait When Rate Limited (60 s)');
		expect(sim.requests).toHaveLength(1);
		expectNoSecrets(result, token);
	});

	it("app-level throttling (code 4) is retried with backoff: the account's estimate does not apply to it", async () => {
		sim.failNext({ kind: 'rateLimit', regainAccessMinutes: 60, path: /insights/, times: 2 });
		const result = await runInstagram({ resource: 'account', operation: 'getInsights', metrics: ['reach'], options: { maxRateLimitWait: 30 } });
		expect(result.error).toBeUndefined();
		expect(sim.requests.map((request) => request.status)).toEqual([400, 400, 200]);
		expect(typeof result.items[0].reach).toBe('number');
	});
});

describe('a story that expires between the list and its insights request', () => {
	const liveStories = () => account.media.filter((media) => media.mediaProductType === 'STORY' && frozenNow - media.timestamp < 86400_000 && (media.viewers ?? 99) >= 5);

	it("Meta's 100/33 (object does not exist): that story's row has empty cells and a note, the others their numbers; no extra request", async () => {
		const live = account.media.filter((media) => media.mediaProductType === 'STORY' && frozenNow - media.timestamp < 86400_000);
		const gone = liveStories()[0];
		sim.expireStoryWhenListed(gone.id);
		const result = await runInstagram({ resource: 'media', operation: 'listStories', returnAll: true, fields: ['id', 'permalink'], includeInsights: ['views', 'reach'] });
		expect(result.error).toBeUndefined();
		// Listed at the last moment of its 24 hours, it is the oldest story up.
		const order = [...live.filter((story) => story.id !== gone.id), gone].map((story) => story.id);
		expect(sim.requests.map((request) => request.path)).toEqual(['/v23.0/me/stories', ...order.map((id) => `/v23.0/${id}/insights`)]);
		expect(sim.requests.at(-1)?.status).toBe(400);
		expect(result.items.map((row) => row.id)).toEqual(order);
		expect(result.items.at(-1)).toEqual({ id: gone.id, permalink: expect.any(String), media_product_type: 'STORY', views: null, reach: null, insights_note: 'story expired before its insights were read' });
		const other = result.items.find((row) => row.id === liveStories()[1].id)!;
		expect(other).toMatchObject({ views: expect.any(Number), reach: expect.any(Number) });
	});

	it('code 10 for a story at the end of its 24 hours (as some reports have it): a note too; paired with its item', async () => {
		const gone = liveStories()[0];
		sim.expireStoryWhenListed(gone.id, 'permission');
		const result = await runInstagram({ resource: 'media', operation: 'listStories', returnAll: true, fields: ['id', 'timestamp'], includeInsights: ['views'] });
		expect(result.error).toBeUndefined();
		expect(result.items.find((row) => row.id === gone.id)).toMatchObject({ views: null, insights_note: 'story expired before its insights were read' });
		expect((result.output.Instagram ?? []).every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('code 10 for a story hours from its end is a missing permission, still an error', async () => {
		const young = liveStories()[0];
		sim.failNext({ kind: 'missingScope', path: new RegExp(`/${young.id}/insights`) });
		const result = await runInstagram({ resource: 'media', operation: 'listStories', returnAll: true, fields: ['id', 'timestamp'], includeInsights: ['views'] });
		expect(result.error?.message).toMatch(/permission/);
	});

	it('a post deleted between the list and its insights request is still an error (only stories expire)', async () => {
		const newest = account.media.filter((media) => media.mediaProductType !== 'STORY').sort((a, b) => b.timestamp - a.timestamp)[0];
		sim.deleteWhenListed(newest.id);
		const result = await runInstagram({ resource: 'media', operation: 'list', returnAll: false, limit: 1, fields: ['id'], includeInsights: ['views'] });
		expect(result.error?.message).toMatch(/does not exist/);
		expect(sim.requests.map((request) => [request.path, request.status])).toEqual([
			['/v23.0/me/media', 200],
			[`/v23.0/${newest.id}/insights`, 400],
		]);
	});
});

describe('the shipped example "Instagram stories report before they expire"', () => {
	it('its Instagram step, as configured in examples/, gives one row per live story with its numbers, keyed by id for the sheet', async () => {
		const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'instagram-stories-report-before-they-expire.json'), 'utf8'));
		const step = example.nodes.find((node: { type: string }) => node.type === 'n8n-nodes-threads-insights.instagram');
		const sheet = example.nodes.find((node: { type: string }) => node.type === 'n8n-nodes-base.googleSheets');
		const result = await runInstagram(step.parameters);
		expect(result.error).toBeUndefined();
		const live = account.media.filter((media) => media.mediaProductType === 'STORY' && frozenNow - media.timestamp < 86400_000);
		expect(result.items.map((row) => row.id)).toEqual(live.map((story) => story.id));
		expect(sheet.parameters.columns.matchingColumns).toEqual(['id']);
		for (const row of result.items) expect(Object.keys(row)).toEqual(expect.arrayContaining(['id', 'permalink', 'timestamp', 'views', 'reach', 'replies', 'navigation']));
		expect(sim.requests).toHaveLength(1 + live.length);
	});
});
