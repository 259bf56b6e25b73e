/**
 * The Instagram node and trigger on Facebook Login (graph.facebook.com): the credential's
 * first use (fb_exchange_token, then the Pages and their never-expiring tokens), every
 * operation on that path with its exact requests, the metrics only that path has, stories,
 * and the account picker.
 */
import { LoadOptionsContext, PollContext, TriggersAndPollers } from 'n8n-core';
import nock from 'nock';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { InstagramFacebookApi } from '../../credentials/InstagramFacebookApi.credentials';
import { searchInstagramAccounts } from '../../nodes/Instagram/facebook/listSearch';
import { linkedAccountsOf, PAGES_FIELDS } from '../../nodes/Instagram/facebook/pageTokens';
import { tokenFingerprint } from '../../nodes/shared/tokens/tokenLifecycle';
import type { CredentialStore } from '../harness/credentialsHelper';
import { PACKAGE, createAdditionalData, createCredentialsHelper, createWorkflow, credentialTypes, runWorkflow } from '../harness/runWorkflow';
import { createInstagramDemoWorld, IG_DEMO_APP } from '../simulator/instagram/demoWorld';
import type { IgSimAccount } from '../simulator/instagram/instagramSimulator';
import { InstagramSimulator } from '../simulator/instagram/instagramSimulator';
import { expectNoSecrets } from './fixtures';

credentialTypes.instagramFacebookApi = new InstagramFacebookApi();

const DAY = 86_400_000;
let clock = Date.now();
let sim: InstagramSimulator;
let demo: IgSimAccount;
let second: IgSimAccount;
/** A long-lived user token seeing the three Pages. */
let userToken: string;
let pageTokenOf: Record<string, string>;

beforeEach(async () => {
	nock.disableNetConnect();
	clock = Date.now();
	sim = new InstagramSimulator({ now: () => clock });
	({ account: demo } = createInstagramDemoWorld(sim));
	second = sim.addAccount({ id: '17841400000000077', username: 'second.brand', followers: 800, media: 4 });
	sim.addFacebookPage({ id: '100000000000001', name: 'Demo Creator Page', instagramAccountId: demo.id });
	sim.addFacebookPage({ id: '100000000000002', name: 'Second Brand', instagramAccountId: second.id });
	sim.addFacebookPage({ id: '100000000000003', name: 'Page Without Instagram' });
	userToken = sim.issueFacebookUserToken({ pages: ['100000000000001', '100000000000002', '100000000000003'], kind: 'long', clientId: IG_DEMO_APP.clientId });
	const pages = (await raw(`/v25.0/me/accounts?fields=${PAGES_FIELDS}&limit=100`, userToken)).data;
	pageTokenOf = Object.fromEntries(Object.entries(linkedAccountsOf(pages)).map(([id, linked]) => [id, linked.access_token]));
	sim.install();
});
afterEach(() => {
	sim.uninstall();
	nock.cleanAll();
	nock.enableNetConnect();
});

async function raw(path: string, token = userToken): Promise<any> {
	const answer = await sim.handle({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } }, 'facebook');
	sim.reset();
	return answer.body;
}

/** The credential after its first use: the long-lived user token and the Page tokens read with it. */
function adoptedCredential(): ICredentialDataDecryptedObject {
	const linkedAccounts: IDataObject = {};
	for (const [id, token] of Object.entries(pageTokenOf)) linkedAccounts[id] = { access_token: token, page_id: '', page_name: id === demo.id ? 'Demo Creator Page' : 'Second Brand', username: '' };
	return { accessToken: userToken, appId: '', appSecret: '', renewalGate: 'valid', liveToken: userToken, issuedAt: clock, expiresAt: clock + 60 * DAY, pastedFingerprint: tokenFingerprint(userToken), pageTokens: linkedAccounts };
}

const nodeCredentials = { instagramFacebookApi: { id: 'instagramFacebookApi', name: 'Instagram via Facebook' } };

async function runFacebook(parameters: INodeParameters, options: { input?: object[]; credential?: ICredentialDataDecryptedObject; continueOnFail?: boolean } = {}) {
	const store: CredentialStore = { instagramFacebookApi: options.credential ?? adoptedCredential() };
	const result = await runWorkflow(
		{
			nodes: [
				{ id: 's', name: 'Start', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(options.input ?? [{}]) } },
				{
					id: 'ig',
					name: 'Instagram',
					type: `${PACKAGE}.instagram`,
					typeVersion: 1,
					position: [200, 0],
					parameters: { authentication: 'facebookLogin', instagramAccount: { __rl: true, mode: 'list', value: demo.id }, ...parameters },
					credentials: nodeCredentials,
					...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
				},
			],
			connections: { Start: { main: [[{ node: 'Instagram', type: 'main' as never, index: 0 }]] } },
		},
		{ credentials: store, timezone: 'UTC' },
	);
	return { ...result, store, items: (result.output.Instagram ?? []).map((item) => item.json as Record<string, any>), paired: (result.output.Instagram ?? []).map((item) => (item.pairedItem as { item: number }).item) };
}

const paths = () => sim.requests.map((request) => request.path);

describe('Instagram (Facebook Login) credential', () => {
	it('first use: exchanges the short-lived token, reads the Pages, signs with the Page token, which still works after the user token expired', async () => {
		const shortLived = sim.issueFacebookUserToken({ pages: ['100000000000001', '100000000000002'], clientId: IG_DEMO_APP.clientId });
		const credential = { accessToken: shortLived, appId: IG_DEMO_APP.clientId, appSecret: IG_DEMO_APP.clientSecret, renewalGate: '', liveToken: '', issuedAt: 0, expiresAt: 0, pastedFingerprint: '', pageTokens: {} };
		const first = await runFacebook({ resource: 'account', operation: 'getTokenStatus' }, { credential });
		expect(first.error).toBeUndefined();
		expect(paths()).toEqual(['/v25.0/oauth/access_token', '/v25.0/me/accounts', `/v25.0/${demo.id}`]);
		expect(sim.requests[0].query).toEqual({ grant_type: 'fb_exchange_token', client_id: IG_DEMO_APP.clientId });
		const saved = first.store.instagramFacebookApi;
		expect(saved.liveToken).not.toBe(shortLived);
		expect(Object.keys(saved.pageTokens as object).sort()).toEqual([demo.id, second.id].sort());
		expect(first.items).toEqual([{ user_id: demo.id, username: demo.username, page_name: 'Demo Creator Page', signed_with: 'page_token', token_expires_at: null, renewal: 'not_needed' }]);
		expectNoSecrets(first, shortLived, IG_DEMO_APP.clientSecret, String(saved.liveToken), (saved.pageTokens as any)[demo.id].access_token);

		// 70 days later the long-lived user token has expired; the Page token has not.
		clock += 70 * DAY;
		sim.reset();
		const later = await runFacebook({ resource: 'account', operation: 'getInsights', metrics: ['reach'] }, { credential: saved });
		expect(later.error).toBeUndefined();
		expect(paths()).toEqual([`/v25.0/${demo.id}/insights`]);
		expect(typeof later.items[0].reach).toBe('number');
	});

	/** A pasted long-lived user token, not adopted yet (no App ID: no exchange). */
	const pastedCredential = () => ({ accessToken: userToken, appId: '', appSecret: '', renewalGate: '', liveToken: '', issuedAt: 0, expiresAt: 0, pastedFingerprint: '', pageTokens: {} });

	it('an empty page of Pages that still has `next` leads on: the Pages after it are read and signed with', async () => {
		sim.failNext({ kind: 'emptyPageWithNext', path: /\/me\/accounts/ });
		const result = await runFacebook({ resource: 'account', operation: 'getTokenStatus' }, { credential: pastedCredential() });
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual(['/v25.0/me/accounts', '/v25.0/me/accounts', `/v25.0/${demo.id}`]);
		expect(Object.keys(result.store.instagramFacebookApi.pageTokens as object).sort()).toEqual([demo.id, second.id].sort());
		expect(result.items[0]).toMatchObject({ signed_with: 'page_token' });
	});

	it('a cursor Meta repeats on /me/accounts stops paging at its second sending, keeping the Pages read', async () => {
		sim.failNext({ kind: 'repeatCursor', path: /\/me\/accounts/, times: 20 });
		const result = await runFacebook({ resource: 'account', operation: 'getTokenStatus' }, { credential: pastedCredential() });
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual(['/v25.0/me/accounts', '/v25.0/me/accounts', `/v25.0/${demo.id}`]);
		expect(Object.keys(result.store.instagramFacebookApi.pageTokens as object).sort()).toEqual([demo.id, second.id].sort());
		expectNoSecrets(result, userToken, pageTokenOf[demo.id]);
	});

	it('a Page token Meta stopped accepting: the Pages are read again once, the new token saved, the request goes through', async () => {
		const refused = pageTokenOf[demo.id];
		sim.invalidateFacebookToken(refused);
		const result = await runFacebook({ resource: 'account', operation: 'getInsights', metrics: ['reach'] });
		expect(result.error).toBeUndefined();
		// The refused request, the same sent for n8n to re-authenticate, the Pages, the request with the new token.
		expect(paths()).toEqual([`/v25.0/${demo.id}/insights`, `/v25.0/${demo.id}/insights`, '/v25.0/me/accounts', `/v25.0/${demo.id}/insights`]);
		expect(sim.requests.map((request) => request.status)).toEqual([400, 400, 200, 200]);
		expect(typeof result.items[0].reach).toBe('number');
		const saved = result.store.instagramFacebookApi;
		const renewed = (saved.pageTokens as any)[demo.id].access_token;
		expect(renewed).not.toBe(refused);
		expectNoSecrets(result, refused, renewed, userToken);

		// The next run signs with the saved token: one request.
		sim.reset();
		const next = await runFacebook({ resource: 'account', operation: 'getInsights', metrics: ['reach'] }, { credential: saved });
		expect(next.error).toBeUndefined();
		expect(paths()).toEqual([`/v25.0/${demo.id}/insights`]);
	});

	it('a refused Page token when the user token is refused too: the Pages are asked for once, then the token error with its fix', async () => {
		sim.invalidateFacebookToken(pageTokenOf[demo.id]);
		sim.invalidateFacebookToken(userToken);
		const result = await runFacebook({ resource: 'account', operation: 'getInsights', metrics: ['reach'] }, { input: [{}, {}] });
		expect(result.error?.message).toMatch(/access token has expired or was revoked/);
		// Per item its request and the transport's one retry (4); for the first refusal n8n's re-authentication: the request,
		// the Pages (refused), the request again (2 + 1); then the request as before (1), whose refusal is the error.
		expect(paths().filter((path) => path === '/v25.0/me/accounts')).toHaveLength(1);
		expect(paths().filter((path) => path === `/v25.0/${demo.id}/insights`)).toHaveLength(7);
		expectNoSecrets(result, pageTokenOf[demo.id], userToken);
	});

	it('a wrong App Secret is refused with the fix, naming no secret, before any data request', async () => {
		const shortLived = sim.issueFacebookUserToken({ pages: ['100000000000001'], clientId: IG_DEMO_APP.clientId });
		const credential = { accessToken: shortLived, appId: IG_DEMO_APP.clientId, appSecret: 'wrong-secret-0123456789', renewalGate: '', liveToken: '', pageTokens: {} };
		const result = await runFacebook({ resource: 'account', operation: 'getTokenStatus' }, { credential });
		expect(result.error?.message).toMatch(/refused to exchange the Facebook token.*App ID and App Secret/);
		expect(paths()).toEqual(['/v25.0/oauth/access_token']);
		expectNoSecrets(result, shortLived, 'wrong-secret-0123456789');
	});
});

describe('Instagram node on Facebook Login: every operation, exact requests', () => {
	it('Account → Get Insights (totals): one request on /{ig-user-id}/insights', async () => {
		const result = await runFacebook({ resource: 'account', operation: 'getInsights', metrics: ['views', 'reach'], dateRange: 'last7Days' });
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual([`/v25.0/${demo.id}/insights`]);
		expect(sim.requests[0]).toMatchObject({ authVia: 'header', query: { metric: 'views,reach', period: 'day', metric_type: 'total_value' } });
		expect(result.items).toEqual([{ since: expect.any(String), until: expect.any(String), views: expect.any(Number), reach: expect.any(Number), complete: true }]);
	});

	it('Account → Get Insights → Daily Reach: one row per day from metric_type=time_series', async () => {
		const result = await runFacebook({ resource: 'account', operation: 'getInsights', report: 'dailyReach', dateRange: 'last7Days' });
		expect(result.error).toBeUndefined();
		expect(sim.requests).toHaveLength(1);
		expect(sim.requests[0].query).toMatchObject({ metric: 'reach', period: 'day', metric_type: 'time_series' });
		const answer = await raw(`/v25.0/${demo.id}/insights?metric=reach&period=day&metric_type=time_series&since=${sim.requests[0]?.query.since ?? ''}&until=${sim.requests[0]?.query.until ?? ''}`, pageTokenOf[demo.id]);
		expect(result.items).toHaveLength(7);
		expect(result.items.map((row) => row.reach)).toEqual(answer.data[0].values.slice(-7).map((entry: { value: number }) => entry.value));
		for (const row of result.items) expect(row).toEqual({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reach: expect.any(Number), complete: true });
	});

	it('Media → List with all insights: the Facebook-only totals are filled; 1 list + 1 insights request per media', async () => {
		const result = await runFacebook({ resource: 'media', operation: 'list', limit: 6, fields: ['id', 'media_product_type'], includeInsights: ['all'] });
		expect(result.error).toBeUndefined();
		expect(paths()[0]).toBe(`/v25.0/${demo.id}/media`);
		expect(sim.requests).toHaveLength(7);
		const first = result.items[0];
		const answer = await raw(`/v25.0/${first.id}/insights?metric=total_likes,total_views,likes`, pageTokenOf[demo.id]);
		const value = (name: string) => answer.data.find((entry: { name: string }) => entry.name === name).total_value.value;
		expect(first).toMatchObject({ total_likes: value('total_likes'), total_views: value('total_views'), likes: value('likes') });
		// Link clicks are a story metric: not a column of posts and reels.
		expect(Object.keys(first)).not.toContain('link_clicks');
	});

	it('Media → Get Insights: the type first, then its metrics incl. total_comments', async () => {
		const reel = demo.media.find((media) => media.mediaProductType === 'REELS')!;
		const result = await runFacebook({ resource: 'media', operation: 'getInsights', mediaId: reel.id, metrics: ['views', 'total_comments'] });
		expect(result.error).toBeUndefined();
		expect(sim.requests.map((request) => [request.path, request.query.metric ?? request.query.fields])).toEqual([
			[`/v25.0/${reel.id}`, 'id,media_type,media_product_type'],
			[`/v25.0/${reel.id}/insights`, 'views,total_comments'],
		]);
		expect(result.items[0]).toMatchObject({ id: reel.id, views: expect.any(Number), total_comments: expect.any(Number) });
	});

	it('Media → Get by link: the link is looked for in /{ig-user-id}/media, then one request', async () => {
		const page = await raw(`/v25.0/${demo.id}/media?fields=id,permalink&limit=3`, pageTokenOf[demo.id]);
		const target = page.data[2];
		const result = await runFacebook({ resource: 'media', operation: 'get', mediaId: target.permalink, fields: ['id', 'permalink'] });
		expect(result.error).toBeUndefined();
		expect(paths()).toEqual([`/v25.0/${demo.id}/media`, `/v25.0/${target.id}`]);
		expect(result.items).toEqual([{ id: target.id, permalink: target.permalink }]);
	});

	it('Media → List Stories with insights: link_clicks (Facebook Login only), and a too-few-viewers story gets empty cells and a note', async () => {
		const live = demo.media.filter((media) => media.mediaProductType === 'STORY' && clock - media.timestamp < DAY);
		const result = await runFacebook({ resource: 'media', operation: 'listStories', returnAll: true, fields: ['id', 'media_product_type'], includeInsights: ['all'] });
		expect(result.error).toBeUndefined();
		expect(paths()[0]).toBe(`/v25.0/${demo.id}/stories`);
		expect(sim.requests).toHaveLength(1 + live.length);
		expect(result.items.map((row) => row.id)).toEqual(live.map((story) => story.id));
		const few = result.items.find((row) => row.id === live.find((story) => (story.viewers ?? 99) < 5)!.id)!;
		expect(few).toMatchObject({ link_clicks: null, navigation: null, insights_note: expect.stringMatching(/too few viewers/) });
		const seen = result.items.find((row) => row.insights_note === undefined)!;
		expect(seen).toMatchObject({ link_clicks: expect.any(Number), navigation: expect.any(Number), profile_activity: expect.any(Number), replies: expect.any(Number) });
		expect(Object.keys(seen)).not.toContain('saved');
	});

	it('Media → Get Insights with the story navigation breakdown: one row per action, one insights request', async () => {
		const story = demo.media.find((media) => media.mediaProductType === 'STORY' && (media.viewers ?? 0) > 100)!;
		const result = await runFacebook({ resource: 'media', operation: 'getInsights', mediaId: story.id, mediaBreakdown: 'story_navigation_action_type' });
		expect(result.error).toBeUndefined();
		expect(sim.requests[1].query).toEqual({ metric: 'navigation', breakdown: 'story_navigation_action_type' });
		const answer = await raw(`/v25.0/${story.id}/insights?metric=navigation&breakdown=story_navigation_action_type`, pageTokenOf[demo.id]);
		const results = answer.data[0].total_value.breakdowns[0].results;
		expect(result.items).toEqual(
			results.map((entry: { dimension_values: string[]; value: number }) => ({ id: story.id, media_product_type: 'STORY', breakdown: 'story_navigation_action_type', dimension: entry.dimension_values[0], navigation: entry.value })),
		);
	});

	it('Media → Get Insights with the profile activity breakdown on a feed post: one row per action', async () => {
		const post = demo.media.find((media) => media.mediaProductType === 'FEED' && media.timestamp > demo.businessSince)!;
		const result = await runFacebook({ resource: 'media', operation: 'getInsights', mediaId: post.id, mediaBreakdown: 'action_type' });
		expect(result.error).toBeUndefined();
		expect(sim.requests).toHaveLength(2);
		expect(result.items.length).toBeGreaterThan(0);
		for (const row of result.items) expect(row).toEqual({ id: post.id, media_product_type: 'FEED', breakdown: 'action_type', dimension: expect.any(String), profile_activity: expect.any(Number) });
	});
});

describe('Instagram node on Facebook Login: input, items, errors', () => {
	it('an account typed by ID that is not one is flagged by the field itself, before any request', async () => {
		const result = await runFacebook({ resource: 'media', operation: 'list', instagramAccount: { __rl: true, mode: 'id', value: '@demo' } });
		expect(result.error?.message).toMatch(/"Instagram Account" must be an Instagram account ID \(digits only\)/);
		expect(sim.requests).toHaveLength(0);
	});

	it('an account from an expression that is not an ID is refused before any request, naming the field and the fix', async () => {
		const result = await runFacebook({ resource: 'media', operation: 'list', instagramAccount: { __rl: true, mode: 'id', value: '={{ $json.handle }}' } }, { input: [{ handle: '@demo' }] });
		expect(result.error?.message).toMatch(/"Instagram Account" must be an Instagram account ID/);
		expect((result.error as { description?: string }).description).toMatch(/Pick the account from the list/);
		expect(sim.requests).toHaveLength(0);
	});

	it('three uneven items on two accounts: each signed with its Page token, every row paired with its item', async () => {
		const result = await runFacebook(
			{ resource: 'media', operation: 'list', limit: '={{ $json.n }}', fields: ['id'], instagramAccount: { __rl: true, mode: 'id', value: '={{ $json.account }}' } },
			{ input: [{ n: 2, account: demo.id }, { n: 1, account: second.id }, { n: 3, account: demo.id }] },
		);
		expect(result.error).toBeUndefined();
		expect(result.paired).toEqual([0, 0, 1, 2, 2, 2]);
		expect(paths().sort()).toEqual([`/v25.0/${demo.id}/media`, `/v25.0/${demo.id}/media`, `/v25.0/${second.id}/media`].sort());
		const secondMedia = (await raw(`/v25.0/${second.id}/media?fields=id&limit=1`, pageTokenOf[second.id])).data[0].id;
		expect(result.items[2].id).toBe(secondMedia);
	});

	it('On Error: Continue: an account the token does not see gives a paired error row, the other items go on', async () => {
		const result = await runFacebook(
			{ resource: 'account', operation: 'getInsights', metrics: ['reach'], instagramAccount: { __rl: true, mode: 'id', value: '={{ $json.account }}' } },
			{ input: [{ account: demo.id }, { account: '17841499999999999' }, { account: second.id }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.paired).toEqual([0, 1, 2]);
		expect(result.items[1].error).toMatch(/^Instagram \(Facebook Login\)/);
		expect(typeof result.items[0].reach).toBe('number');
		expect(typeof result.items[2].reach).toBe('number');
		expect(sim.requests).toHaveLength(3);
		expectNoSecrets(result, userToken, ...Object.values(pageTokenOf));
	});

	it('a token Meta echoes back in an error never reaches the output', async () => {
		// Every try refused (a refused Page token is also sent again after the Pages are read again).
		sim.failNext({ kind: 'echoToken', path: /insights/, times: 10 });
		const result = await runFacebook({ resource: 'account', operation: 'getInsights', metrics: ['reach'] });
		expect(result.error).toBeDefined();
		expectNoSecrets(result, userToken, ...Object.values(pageTokenOf));
	});

	it('a missing Facebook Login permission names it', async () => {
		const narrow = sim.issueFacebookUserToken({ pages: ['100000000000001'], kind: 'long', scopes: ['instagram_basic', 'pages_show_list'], clientId: IG_DEMO_APP.clientId });
		const credential = { ...adoptedCredential(), accessToken: narrow, liveToken: narrow, pastedFingerprint: tokenFingerprint(narrow), pageTokens: {} };
		const result = await runFacebook({ resource: 'account', operation: 'getInsights', metrics: ['reach'] }, { credential });
		expect(result.error?.message).toMatch(/instagram_manage_insights/);
	});
});

describe('Instagram account picker (Facebook Login)', () => {
	function loadOptionsContext(): LoadOptionsContext {
		const node: INode = {
			id: 'ig',
			name: 'Instagram',
			type: `${PACKAGE}.instagram`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { authentication: 'facebookLogin', resource: 'account', operation: 'getInsights' },
			credentials: nodeCredentials,
		};
		const workflow = createWorkflow({ nodes: [node], connections: {} });
		return new LoadOptionsContext(workflow, node, createAdditionalData(createCredentialsHelper({ instagramFacebookApi: adoptedCredential() })), 'parameters.instagramAccount');
	}

	it('lists the Pages with a linked account (not the Page without one), in one request, and searches them', async () => {
		const all = await searchInstagramAccounts.call(loadOptionsContext());
		expect(all.results).toEqual([
			{ name: `@${demo.username} · Demo Creator Page`, value: demo.id, url: `https://www.instagram.com/${demo.username}/` },
			{ name: '@second.brand · Second Brand', value: second.id, url: 'https://www.instagram.com/second.brand/' },
		]);
		expect(sim.requests.map((request) => [request.path, request.query.fields])).toEqual([['/v25.0/me/accounts', 'id,name,instagram_business_account{id,username}']]);
		const found = await searchInstagramAccounts.call(loadOptionsContext(), 'SECOND');
		expect(found.results.map((entry) => entry.value)).toEqual([second.id]);
	});
});

describe('Instagram trigger on Facebook Login', () => {
	async function pollOnce(parameters: INodeParameters, persisted: { json: string }) {
		const node: INode = {
			id: 'trigger',
			name: 'Trigger',
			type: `${PACKAGE}.instagramTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { authentication: 'facebookLogin', instagramAccount: { __rl: true, mode: 'id', value: demo.id }, ...parameters },
			credentials: nodeCredentials,
		};
		const workflow = createWorkflow({ nodes: [node], connections: {} }, { timezone: 'UTC', staticData: JSON.parse(persisted.json) as IDataObject });
		const helper = createCredentialsHelper({ instagramFacebookApi: adoptedCredential() });
		const context = new PollContext(workflow, node, createAdditionalData(helper), 'trigger', 'activate', undefined, undefined, undefined, undefined, undefined, () => 300_000);
		const output = await new TriggersAndPollers().runPollFunction(workflow, node, context);
		persisted.json = JSON.stringify(workflow.staticData);
		return output?.[0] ?? null;
	}

	it('My Stories: one list request on /{ig-user-id}/stories plus one insights request per story; fires when a story passes the threshold', async () => {
		const persisted = { json: '{}' };
		const story = demo.media.find((media) => media.mediaProductType === 'STORY' && (media.viewers ?? 0) > 100)!;
		story.metrics = { link_clicks: 3 };
		const parameters = { watch: 'recentStories', mediaMetrics: ['link_clicks'], condition: 'above', threshold: 10 };
		expect(await pollOnce(parameters, persisted)).toBeNull();
		const live = demo.media.filter((media) => media.mediaProductType === 'STORY' && clock - media.timestamp < DAY);
		expect(paths()).toEqual([`/v25.0/${demo.id}/stories`, ...live.map((media) => `/v25.0/${media.id}/insights`)]);
		story.metrics = { link_clicks: 12 };
		const fired = await pollOnce(parameters, persisted);
		expect(fired?.map((item) => [item.json.mediaId, item.json.metric, item.json.value])).toEqual([[story.id, 'link_clicks', 12]]);
	});

	it('a Page token Meta stopped accepting: the poll reads the Pages again once and goes on with the new token', async () => {
		sim.invalidateFacebookToken(pageTokenOf[demo.id]);
		const persisted = { json: '{}' };
		expect(await pollOnce({ watch: 'account', accountMetric: 'followers_count', condition: 'above', threshold: 1e9 }, persisted)).toBeNull();
		expect(paths()).toEqual([`/v25.0/${demo.id}`, `/v25.0/${demo.id}`, '/v25.0/me/accounts', `/v25.0/${demo.id}`]);
		expect(sim.requests.map((request) => request.status)).toEqual([400, 400, 200, 200]);
	});

	it('My Account, followers: one request on /{ig-user-id} per poll', async () => {
		const persisted = { json: '{}' };
		expect(await pollOnce({ watch: 'account', accountMetric: 'followers_count', condition: 'milestone', milestoneEvery: 1000 }, persisted)).toBeNull();
		demo.followers = 5100;
		const fired = await pollOnce({ watch: 'account', accountMetric: 'followers_count', condition: 'milestone', milestoneEvery: 1000 }, persisted);
		expect(fired?.map((item) => item.json.threshold)).toEqual([5000]);
		expect(sim.requests.map((request) => [request.path, request.query.fields])).toEqual([
			[`/v25.0/${demo.id}`, 'id,followers_count'],
			[`/v25.0/${demo.id}`, 'id,followers_count'],
		]);
	});
});
