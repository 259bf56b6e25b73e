/**
 * An in-process simulator of the Instagram Graph API with Instagram Login
 * (graph.instagram.com), built to /work/shared/reference/instagram-*.md. Same two doors as
 * the Threads simulator:
 *
 *   - `handle()` answers a request object directly;
 *   - `install()` puts the model behind nock interceptors (socket level).
 *
 * State kept here: accounts (model.ts), tokens, apps, queued faults, the request log and
 * concurrency counters. Insights live in insights.ts, Instagram error bodies in
 * igErrors.ts; GraphError, token/permission/rate errors, fields/limit/cursor parsing and
 * the seeded randomness are the Threads simulator's, imported.
 */
import { errors, GraphError } from '../errors';
import { FieldSpec, parseFields, parseLimit, parseTimeParam } from '../params';
import { cursorPage, pagingUrl } from '../paging';
import { numericId, opaqueString } from '../random';
import { formatTimestamp } from '../render';
import { asInstagramError, igErrors } from './igErrors';
import { accountInsights, mediaInsights } from './insights';
import { DAY_MS, generateMedia, HOUR_MS, IgSimAccount, IgSimMedia, mediaValuesAt, shortcodeOf, STORY_LIFETIME_MS } from './model';
import type { FaultOptions, PagingFaultKind, SharedFaultKind } from '../faults';
import { isPagingFault, sharedFaultOutcome, withOverrides } from '../faults';
import type { RequestLogEntry } from '../frontEnd';
import { FaultQueue, requestLogEntry, ThrottlingFrontEnd, TransportFault } from '../frontEnd';
import { NockInstallation } from '../nockInstallation';

export type { IgMediaProductType, IgMediaType, IgSimAccount, IgSimMedia } from './model';
export type { SharedFaultKind } from '../faults';
export { SimulatedSocketError } from '../frontEnd';

export const INSTAGRAM_HOST = 'https://graph.instagram.com';
/** Facebook Login: the same Instagram accounts, reached through the Facebook Pages they are linked to. */
export const FACEBOOK_HOST = 'https://graph.facebook.com';

export type IgSimHost = 'instagram' | 'facebook';

/** Instagram's own Graph error kinds plus the kinds both simulators share (../faults.ts). */
export type IgSimulatedErrorKind = 'expiredToken' | 'invalidToken' | 'missingScope' | 'rateLimit' | 'igRateLimit' | 'invalidParameter' | SharedFaultKind;

export type IgLoggedRequest = RequestLogEntry<IgSimulatedErrorKind>;

export interface IgSimulatorOptions {
	/** Delay before each accepted request is answered (real timer). Default 0. */
	latencyMs?: number;
	/** Clock, ms epoch. Default Date.now. */
	now?: () => number;
	/** A request arriving while this many are in flight is refused with code 4. */
	maxInFlight?: number;
}

/** A queued fault: `times` (default 1), `path` (tested against path + query), `status`, `retryAfterSec`. */
export interface IgSimFault extends FaultOptions {
	kind: IgSimulatedErrorKind;
	/** `igRateLimit` (and `rateLimit`, code 4): the X-Business-Use-Case-Usage header says access returns after this many minutes. */
	regainAccessMinutes?: number;
}

export interface IgSimRequest {
	method: string;
	/** Path with query string, e.g. "/v23.0/me?fields=user_id". */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body?: string;
}

export interface IgSimResponse {
	status: number;
	/** Parsed JSON; for the body faults (htmlError, emptyBody, …) the body text itself. */
	body: unknown;
	/** Set by body faults: the exact text sent on the wire instead of JSON. */
	rawBody?: string;
	headers?: Record<string, string>;
}

export interface IgNewAccount {
	id: string;
	username: string;
	/** Default 1,000. */
	followers?: number;
	/** ms epoch; default 0 (always a professional account). */
	businessSince?: number;
	/** A number generates that many FEED/REELS media over the 60 days before now(). Default 0. */
	media?: number | IgSimMedia[];
	/** Default: derived from the id. */
	seed?: number;
}

export interface IgIssueTokenOptions {
	/** Default: instagram_business_basic, instagram_business_manage_insights. */
	scopes?: string[];
	/** Default 'long'. */
	kind?: 'short' | 'long';
	/** ms epoch. Default now(). */
	issuedAt?: number;
	/** Default 1 h for short-lived, 60 days for long-lived tokens. */
	expiresInSec?: number;
	/** App the token belongs to (its secret is checked on exchange). Default: the first registered app. */
	clientId?: string;
}

export const IG_DEFAULT_SCOPES = ['instagram_business_basic', 'instagram_business_manage_insights'];
export const FB_DEFAULT_SCOPES = ['instagram_basic', 'instagram_manage_insights', 'pages_read_engagement', 'pages_show_list'];

/** A Facebook Page, optionally linked to one of the simulator's Instagram accounts. */
export interface FbSimPage {
	id: string;
	name: string;
	instagramAccountId?: string;
}

export interface FbIssueTokenOptions {
	/** The Pages the user manages (their ids). */
	pages: string[];
	/** Default FB_DEFAULT_SCOPES. */
	scopes?: string[];
	/** Default 'short' (what Graph API Explorer hands out). */
	kind?: 'short' | 'long';
	issuedAt?: number;
	expiresInSec?: number;
	/** Default: the first registered app. */
	clientId?: string;
}

interface FbTokenRecord {
	kind: 'short' | 'long' | 'page';
	/** The Facebook user (user tokens) or the Page (page tokens). */
	ownerId: string;
	/** The Pages a user token manages, or the one Page of a page token. */
	pageIds: string[];
	scopes: string[];
	issuedAt: number;
	/** Infinity: a Page token read with a long-lived user token never expires. */
	expiresAt: number;
	appId: string;
}
export const IG_SIM_DEFAULT_APP_ID = '990000000000002';
/** Calls per account per 24 h that make X-Business-Use-Case-Usage reach 100 %. */
export const IG_CALL_BUDGET = 4800;

const SHORT_LIVED_SEC = 3600;
const LONG_LIVED_SEC = 5_184_000; // 60 days
const REFRESH_MIN_AGE_MS = 24 * HOUR_MS;
const SCOPES: Record<IgSimHost, { basic: string; insights: string }> = {
	instagram: { basic: 'instagram_business_basic', insights: 'instagram_business_manage_insights' },
	facebook: { basic: 'instagram_basic', insights: 'instagram_manage_insights' },
};
/** What fb_exchange_token grants (Meta: about 60 days). */
const FB_LONG_LIVED_SEC = 5_183_944;
/** Real Instagram edges this simulator leaves out: they answer 501 so a test hitting them fails loudly. */
const UNMODELLED_EDGES = ['comments', 'replies', 'media_publish', 'content_publishing_limit', 'tags', 'live_media', 'mentioned_media', 'conversations', 'messages', 'subscribed_apps', 'collaborators'];

const USER_FIELDS = new Set(['id', 'user_id', 'username', 'name', 'account_type', 'profile_picture_url', 'followers_count', 'follows_count', 'media_count', 'biography', 'website']);
/** graph.facebook.com's IG User fields: no `user_id` (its `id` is the account's). */
const FACEBOOK_USER_FIELDS = new Set(['id', 'username', 'name', 'profile_picture_url', 'followers_count', 'follows_count', 'media_count', 'biography', 'website']);
const MEDIA_FIELDS = new Set([
	'id',
	'caption',
	'media_type',
	'media_product_type',
	'media_url',
	'permalink',
	'thumbnail_url',
	'timestamp',
	'like_count',
	'comments_count',
	'children',
	'username',
	'shortcode',
	'owner',
	'is_comment_enabled',
	'is_shared_to_feed',
]);

interface TokenRecord {
	accountId: string;
	scopes: string[];
	kind: 'short' | 'long';
	issuedAt: number;
	expiresAt: number;
	appId: string;
	revoked: boolean;
}

interface ParsedRequest {
	host: IgSimHost;
	method: string;
	path: string;
	rawPath: string;
	/** Path segments after the optional /vNN.N prefix. */
	route: string[];
	params: Record<string, string>;
	urlQuery: URLSearchParams;
	token?: string;
	authVia: IgLoggedRequest['authVia'];
	/** Set once the token is authenticated (for the usage header). */
	account?: IgSimAccount;
	/** The failNext kind this request took. */
	fault?: IgSimulatedErrorKind;
	/** Set when a paging fault applies to this list request. */
	pagingFault?: PagingFaultKind;
}

interface Viewer {
	token: TokenRecord;
	account: IgSimAccount;
	host: IgSimHost;
}

interface FoundMedia {
	media: IgSimMedia;
	account: IgSimAccount;
	parent?: IgSimMedia;
}

export class InstagramSimulator {
	readonly options: { latencyMs: number; now: () => number; maxInFlight?: number };
	readonly requests: IgLoggedRequest[] = [];
	private readonly accounts = new Map<string, IgSimAccount>();
	private readonly tokens = new Map<string, TokenRecord>();
	private readonly apps = new Map<string, { clientId: string; clientSecret: string }>();
	private readonly faults = new FaultQueue<IgSimFault>();
	private readonly frontEnd: ThrottlingFrontEnd;
	private readonly calls = new Map<string, number[]>();
	private credentialSeq = 0;
	private traceSeq = 0;
	private readonly installation = new NockInstallation();
	private readonly facebookInstallation = new NockInstallation();
	private readonly pages = new Map<string, FbSimPage>();
	private readonly fbTokens = new Map<string, FbTokenRecord>();
	/** Media set to go (a story reaching its 24 hours, a post deleted) the moment a list shows them, and how Meta then answers for them. */
	private readonly goneWhenListed = new Map<string, 'gone' | 'permission'>();
	/** Those a list has shown: gone from then on. */
	private readonly gone = new Set<string>();
	/** One stable Page token per (user token, Page), as Meta hands out the same one on every read. */
	private readonly pageTokenOf = new Map<string, string>();

	constructor(options: IgSimulatorOptions = {}) {
		this.options = { latencyMs: options.latencyMs ?? 0, now: options.now ?? Date.now, ...(options.maxInFlight !== undefined ? { maxInFlight: options.maxInFlight } : {}) };
		this.frontEnd = new ThrottlingFrontEnd(this.options);
	}

	/** Highest number of accepted requests in flight at once since the last reset. */
	get peakInFlight(): number {
		return this.frontEnd.peakInFlight;
	}

	/** Requests refused by the in-flight limit since the last reset. */
	get refusedCount(): number {
		return this.frontEnd.refusedCount;
	}

	/** Requests hanging now (failNext 'hang'); each holds an in-flight slot until released. */
	get hangingCount(): number {
		return this.frontEnd.hangingCount;
	}

	// ------------------------------------------------------------ world

	addAccount(a: IgNewAccount): IgSimAccount {
		if (this.accounts.has(a.id)) throw new Error(`InstagramSimulator: account ${a.id} already exists`);
		if (this.getAccount(a.username)) throw new Error(`InstagramSimulator: username ${a.username} already exists`);
		const seed = a.seed ?? Number(BigInt(a.id.replace(/\D/g, '') || '0') % 2147483647n);
		const media = typeof a.media === 'number' ? generateMedia(a.id, seed, a.media, this.now()) : [...(a.media ?? [])];
		const account: IgSimAccount = { id: a.id, username: a.username, followers: a.followers ?? 1000, businessSince: a.businessSince ?? 0, media, seed };
		this.accounts.set(a.id, account);
		return account;
	}

	getAccount(idOrUsername: string): IgSimAccount | undefined {
		return this.accounts.get(idOrUsername) ?? [...this.accounts.values()].find((a) => a.username === idOrUsername);
	}

	registerApp(app: { clientId: string; clientSecret: string }): void {
		this.apps.set(app.clientId, { ...app });
	}

	issueToken(accountId: string, opts: IgIssueTokenOptions = {}): string {
		if (!this.accounts.has(accountId)) throw new Error(`InstagramSimulator: cannot issue a token for unknown account ${accountId}`);
		const kind = opts.kind ?? 'long';
		const issuedAt = opts.issuedAt ?? this.now();
		const lifetimeSec = opts.expiresInSec ?? (kind === 'short' ? SHORT_LIVED_SEC : LONG_LIVED_SEC);
		return this.mintToken({
			accountId,
			scopes: [...(opts.scopes ?? IG_DEFAULT_SCOPES)],
			kind,
			issuedAt,
			expiresAt: issuedAt + lifetimeSec * 1000,
			appId: opts.clientId ?? this.apps.keys().next().value ?? IG_SIM_DEFAULT_APP_ID,
			revoked: false,
		});
	}

	/** A Facebook Page; `instagramAccountId` links it to an account added with addAccount. */
	addFacebookPage(page: FbSimPage): FbSimPage {
		if (page.instagramAccountId && !this.accounts.has(page.instagramAccountId)) throw new Error(`InstagramSimulator: unknown Instagram account ${page.instagramAccountId}`);
		this.pages.set(page.id, { ...page });
		return page;
	}

	/** A Facebook user token (EAA…) of a user managing `pages`; short-lived (1 h) by default. */
	issueFacebookUserToken(opts: FbIssueTokenOptions): string {
		const kind = opts.kind ?? 'short';
		const issuedAt = opts.issuedAt ?? this.now();
		const lifetimeSec = opts.expiresInSec ?? (kind === 'short' ? SHORT_LIVED_SEC : FB_LONG_LIVED_SEC);
		return this.mintFacebookToken({
			kind,
			ownerId: numericId('10', `fbuser:${opts.pages.join(',')}`, 15),
			pageIds: [...opts.pages],
			scopes: [...(opts.scopes ?? FB_DEFAULT_SCOPES)],
			issuedAt,
			expiresAt: issuedAt + lifetimeSec * 1000,
			appId: opts.clientId ?? this.apps.keys().next().value ?? IG_SIM_DEFAULT_APP_ID,
		});
	}

	/**
	 * A Facebook token Meta no longer accepts (code 190), e.g. a Page token after the user changed
	 * their password; the Pages read again with a working user token carry new Page tokens.
	 */
	invalidateFacebookToken(token: string): void {
		this.fbTokens.delete(token);
		for (const [key, pageToken] of this.pageTokenOf) if (pageToken === token) this.pageTokenOf.delete(key);
	}

	revokeToken(token: string): void {
		const record = this.tokens.get(token);
		if (record) record.revoked = true;
	}

	/** The app-scoped id /me returns as `id` (user_id is the professional account id). */
	appScopedId(accountId: string, appId: string): string {
		return numericId('2', `asid:${accountId}:${appId}`, 16);
	}

	// ------------------------------------------------------------ faults, observation

	/** Queue a fault for the next matching request(s); see ../faults.ts for the shared kinds. */
	failNext(fault: IgSimFault): void {
		this.faults.push(fault);
	}

	/**
	 * On demand: the story reaches its 24 hours as soon as a /stories list shows it, so a request
	 * for it right after (its insights) finds it gone: Meta's 100/33 "Object with ID ... does not
	 * exist" (`gone`), or as some reports have it, code 10 with a permissions message (`permission`).
	 */
	expireStoryWhenListed(storyId: string, answer: 'gone' | 'permission' = 'gone'): void {
		this.goneWhenListed.set(storyId, answer);
	}

	/** On demand: the post is deleted as soon as a /media list shows it (a request for it right after: 100/33). */
	deleteWhenListed(mediaId: string): void {
		this.goneWhenListed.set(mediaId, 'gone');
	}

	/** Ends every hanging request (the client gets ECONNRESET "socket hang up"); uninstall() and reset() do this too. */
	releaseHangs(): number {
		return this.frontEnd.releaseHangs();
	}

	/** Releases hanging requests; clears the log, queued faults, counters and usage; keeps accounts, tokens and apps. */
	reset(): void {
		this.frontEnd.releaseHangs();
		this.requests.length = 0;
		this.faults.clear();
		this.frontEnd.resetCounters();
		this.calls.clear();
		this.traceSeq = 0;
	}

	// ------------------------------------------------------------ transport

	/** Intercept every request to INSTAGRAM_HOST (nock, socket level) until uninstall(). */
	install(): void {
		this.installation.install(INSTAGRAM_HOST, (req) => this.handle(req));
		this.facebookInstallation.install(FACEBOOK_HOST, (req) => this.handle(req, 'facebook'));
	}

	/** Remove this simulator's interceptors only (other nock scopes stay) and release hanging requests. */
	uninstall(): void {
		this.installation.uninstall();
		this.facebookInstallation.uninstall();
		this.frontEnd.releaseHangs();
	}

	/** Rejects with a SimulatedSocketError (ECONNRESET) for a `reset` fault or a released hang. */
	async handle(input: IgSimRequest, host: IgSimHost = 'instagram'): Promise<IgSimResponse> {
		const req = parseRequest(input, host);
		const now = this.now();
		const logged = <R extends IgSimResponse | TransportFault>(response: R): R => (this.log(req, response, now), response);
		return await this.frontEnd.admit(
			() => logged(this.errorResponse(errors.appRateLimit(), req)),
			() => logged(this.respond(req, now)),
		);
	}

	// ------------------------------------------------------------ internals: dispatch

	private now(): number {
		return this.options.now();
	}

	private respond(req: ParsedRequest, now: number): IgSimResponse | TransportFault {
		try {
			const fault = this.faults.take(req.rawPath, (f) => !isPagingFault(f.kind) || isListRequest(req));
			if (fault) {
				req.fault = fault.kind;
				const shared = sharedFaultOutcome(fault, req.token);
				if (!shared) throw faultError(fault, now);
				if (shared.type === 'transport') return shared.fault;
				if (shared.type === 'response') return shared.response;
				if (shared.type === 'graphError') throw shared.error;
				req.pagingFault = shared.kind;
			}
			const body = req.host === 'facebook' ? this.routeFacebook(req, now) : this.route(req, now);
			return { status: 200, body, headers: { ...jsonHeaders(), ...this.usageHeader(req) } };
		} catch (e) {
			if (e instanceof GraphError) return this.errorResponse(asInstagramError(e), req);
			throw e;
		}
	}

	private errorResponse(e: GraphError, req: ParsedRequest): IgSimResponse {
		const fbtraceId = 'A' + opaqueString(`ig-fbtrace:${this.traceSeq++}`, 22);
		return { status: e.status, body: e.body(fbtraceId), headers: { ...jsonHeaders(), ...this.usageHeader(req), ...e.headers } };
	}

	/** X-Business-Use-Case-Usage for authenticated calls: percentages of a 24 h per-account budget. */
	private usageHeader(req: ParsedRequest): Record<string, string> {
		if (!req.account) return {};
		const pct = Math.min(100, Math.ceil((100 * (this.calls.get(req.account.id)?.length ?? 0)) / IG_CALL_BUDGET));
		const usage = { [req.account.id]: [{ type: 'instagram', call_count: pct, total_cputime: Math.ceil(pct / 2), total_time: Math.ceil(pct / 2), estimated_time_to_regain_access: pct >= 100 ? 60 : 0 }] };
		return { 'X-Business-Use-Case-Usage': JSON.stringify(usage) };
	}

	private route(req: ParsedRequest, now: number): unknown {
		const [first = ''] = req.route;
		const depth = req.route.length;
		if (req.method !== 'GET') throw igErrors.notModelled(`${req.method} ${req.path}`);
		if (depth === 1 && first === 'access_token') return this.exchange(req, now);
		if (depth === 1 && first === 'refresh_access_token') return this.refresh(req, now);

		const viewer = this.authenticate(req, now);
		requireScope(viewer, 'basic');
		return this.routeAccount(req, viewer, now);
	}

	/** The Instagram edges, the same on both hosts once the viewer (token + account) is known. */
	private routeAccount(req: ParsedRequest, viewer: Viewer, now: number): unknown {
		const [first = '', second] = req.route;
		const depth = req.route.length;
		if (depth === 1) return this.getNode(first, req, viewer, now);
		if (depth === 2 && second === 'media') return this.listMedia(first, req, viewer, now, false);
		if (depth === 2 && second === 'stories') return this.listMedia(first, req, viewer, now, true);
		if (depth === 2 && second === 'insights') return this.insights(first, req, viewer, now);
		if (depth === 2 && second === 'children') return this.children(first, req, viewer);
		if (depth === 2 && UNMODELLED_EDGES.includes(second)) throw igErrors.notModelled(`the /${second} edge`);
		throw errors.unknownPath('/' + req.route.slice(1).join('/'));
	}

	// ------------------------------------------------------------ internals: Facebook Login (graph.facebook.com)

	/**
	 * graph.facebook.com: /oauth/access_token (fb_exchange_token), /me and /me/accounts for the
	 * user or Page behind the token, /{page-id}, and the Instagram edges of the accounts linked
	 * to the token's Pages (addressed by their ids; `me` is the Facebook user or Page).
	 */
	private routeFacebook(req: ParsedRequest, now: number): unknown {
		const [first = '', second] = req.route;
		const depth = req.route.length;
		if (req.method !== 'GET') throw igErrors.notModelled(`${req.method} ${req.path}`);
		if (depth === 2 && first === 'oauth' && second === 'access_token') return this.fbExchange(req, now);
		const record = this.checkFacebookToken(req.token, now);
		if (first === 'me') {
			if (depth === 1) return this.renderFacebookMe(record, req);
			if (depth === 2 && second === 'accounts') return this.fbAccounts(record, req, now);
			throw errors.nonexistingField(second, record.kind === 'page' ? 'Page' : 'User');
		}
		const page = this.pages.get(first);
		if (page && depth === 1) {
			if (!record.pageIds.includes(page.id)) throw errors.unsupportedRequest('GET', first);
			const fields = parseFields(req.params.fields) ?? [{ name: 'id' }];
			assertFields(fields, new Set(['id', 'name', 'instagram_business_account']), 'Page');
			return this.renderPage(page, fields);
		}
		const visible = record.pageIds.map((id) => this.pages.get(id)?.instagramAccountId).filter((id): id is string => Boolean(id));
		const owner = visible.includes(first) ? this.accounts.get(first) : this.findMedia(first)?.account;
		if (!owner || !visible.includes(owner.id)) throw errors.unsupportedRequest('GET', first);
		const token: TokenRecord = { accountId: owner.id, scopes: record.scopes, kind: 'long', issuedAt: record.issuedAt, expiresAt: record.expiresAt, appId: record.appId, revoked: false };
		const viewer: Viewer = { token, account: owner, host: 'facebook' };
		this.countCall(req, owner, now);
		requireScope(viewer, 'basic');
		return this.routeAccount(req, viewer, now);
	}

	private checkFacebookToken(token: string | undefined, now: number): FbTokenRecord {
		if (!token) throw errors.missingToken();
		const record = this.fbTokens.get(token);
		if (!record) throw errors.invalidToken();
		if (now >= record.expiresAt) throw errors.expiredToken(record.expiresAt, now);
		return record;
	}

	private mintFacebookToken(record: FbTokenRecord): string {
		const token = 'EAA' + opaqueString(`fb-token:${this.credentialSeq++}:${record.ownerId}:${record.kind}`, 180);
		this.fbTokens.set(token, record);
		return token;
	}

	/** GET /oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token: a user token → a long-lived one. */
	private fbExchange(req: ParsedRequest, now: number): unknown {
		const q = req.params;
		if (q.grant_type !== 'fb_exchange_token') throw errors.oauthParam(`Unsupported grant_type: ${q.grant_type ?? '(missing)'}. Expected fb_exchange_token.`);
		if (!q.client_id || !q.client_secret) throw errors.oauthParam('Missing client_id or client_secret parameter.');
		const app = this.apps.get(q.client_id);
		if (!app) throw errors.oauthParam(`Error validating application. Cannot get application info due to a system error (client_id ${q.client_id}).`);
		if (app.clientSecret !== q.client_secret) throw errors.invalidClientSecret();
		const record = this.checkFacebookToken(q.fb_exchange_token, now);
		if (record.kind === 'page') throw errors.oauthParam('Only user access tokens can be exchanged with fb_exchange_token.');
		const token = this.mintFacebookToken({ ...record, kind: 'long', issuedAt: now, expiresAt: now + FB_LONG_LIVED_SEC * 1000 });
		return { access_token: token, token_type: 'bearer', expires_in: FB_LONG_LIVED_SEC };
	}

	private renderFacebookMe(record: FbTokenRecord, req: ParsedRequest): unknown {
		const fields = parseFields(req.params.fields) ?? [{ name: 'id' }, { name: 'name' }];
		if (record.kind === 'page') {
			const page = this.pages.get(record.pageIds[0]);
			assertFields(fields, new Set(['id', 'name', 'instagram_business_account']), 'Page');
			return page ? this.renderPage(page, fields) : { id: record.ownerId };
		}
		assertFields(fields, new Set(['id', 'name']), 'User');
		return Object.fromEntries(fields.map((f) => [f.name, f.name === 'id' ? record.ownerId : 'Simulated Page Manager']));
	}

	/** The user's Pages with their tokens (needs pages_show_list); a Page token read with a long-lived user token never expires. */
	private fbAccounts(record: FbTokenRecord, req: ParsedRequest, now: number): unknown {
		if (record.kind === 'page') throw errors.nonexistingField('accounts', 'Page');
		if (!record.scopes.includes('pages_show_list')) throw errors.permission('pages_show_list');
		const fields = parseFields(req.params.fields) ?? [{ name: 'id' }, { name: 'name' }];
		assertFields(fields, new Set(['id', 'name', 'access_token', 'instagram_business_account', 'category']), 'Page');
		const pages = record.pageIds.map((id) => this.pages.get(id)).filter((page): page is FbSimPage => Boolean(page));
		const q = req.params;
		return cursorPage(pages, { params: q, limit: parseLimit(q.limit), links: true, url: (name, cursor) => pagingUrl(FACEBOOK_HOST, req.path, req.urlQuery, name, cursor), fault: req.pagingFault }, (page) => {
			const out = this.renderPage(page, fields.filter((f) => f.name !== 'access_token')) as Record<string, unknown>;
			if (fields.some((f) => f.name === 'access_token')) out.access_token = this.pageToken(req.token ?? '', record, page, now);
			return out;
		});
	}

	private pageToken(userToken: string, record: FbTokenRecord, page: FbSimPage, now: number): string {
		const key = `${userToken}:${page.id}`;
		const known = this.pageTokenOf.get(key);
		if (known) return known;
		const token = this.mintFacebookToken({
			kind: 'page',
			ownerId: page.id,
			pageIds: [page.id],
			scopes: record.scopes,
			issuedAt: now,
			expiresAt: record.kind === 'long' ? Infinity : record.expiresAt,
			appId: record.appId,
		});
		this.pageTokenOf.set(key, token);
		return token;
	}

	private renderPage(page: FbSimPage, fields: FieldSpec[]): unknown {
		const out: Record<string, unknown> = { id: page.id };
		for (const f of fields) {
			if (f.name === 'name') out.name = page.name;
			if (f.name === 'category') out.category = 'Creator';
			if (f.name === 'instagram_business_account' && page.instagramAccountId) {
				const account = this.accounts.get(page.instagramAccountId)!;
				const sub = f.sub?.length ? f.sub : [{ name: 'id' }];
				out.instagram_business_account = Object.fromEntries(sub.map((s) => [s.name, s.name === 'id' ? account.id : s.name === 'username' ? account.username : undefined]));
			}
		}
		return out;
	}

	// ------------------------------------------------------------ internals: auth and tokens

	private authenticate(req: ParsedRequest, now: number): Viewer {
		const viewer = this.checkToken(req.token, now);
		this.countCall(req, viewer.account, now);
		return viewer;
	}

	/** Counts the call against the account's 24 h budget (the usage header reads it). */
	private countCall(req: ParsedRequest, account: IgSimAccount, now: number): void {
		req.account = account;
		const recent = (this.calls.get(account.id) ?? []).filter((t) => t > now - DAY_MS);
		recent.push(now);
		this.calls.set(account.id, recent);
	}

	private checkToken(token: string | undefined, now: number): Viewer {
		if (!token) throw errors.missingToken();
		const record = this.tokens.get(token);
		const account = record && this.accounts.get(record.accountId);
		if (!record || !account) throw errors.invalidToken();
		if (record.revoked) throw errors.revokedToken();
		if (now >= record.expiresAt) throw errors.expiredToken(record.expiresAt, now);
		return { token: record, account, host: 'instagram' };
	}

	private mintToken(record: TokenRecord): string {
		const token = 'IGAA' + opaqueString(`ig-token:${this.credentialSeq++}:${record.accountId}`, 160);
		this.tokens.set(token, record);
		return token;
	}

	private mintLongLived(from: TokenRecord, now: number): unknown {
		const token = this.mintToken({ ...from, kind: 'long', issuedAt: now, expiresAt: now + LONG_LIVED_SEC * 1000, revoked: false });
		return { access_token: token, token_type: 'bearer', expires_in: LONG_LIVED_SEC };
	}

	/** GET /access_token?grant_type=ig_exchange_token&client_secret=…&access_token=<short-lived>. */
	private exchange(req: ParsedRequest, now: number): unknown {
		if (req.params.grant_type !== 'ig_exchange_token') throw errors.oauthParam(`Unsupported grant_type: ${req.params.grant_type ?? '(missing)'}. Expected ig_exchange_token.`);
		if (!req.params.client_secret) throw errors.oauthParam('Missing client_secret parameter.');
		const { token } = this.authenticate(req, now);
		const app = this.apps.get(token.appId);
		if (app && app.clientSecret !== req.params.client_secret) throw errors.invalidClientSecret();
		if (token.kind !== 'short') throw errors.oauthParam('Only short-lived access tokens can be exchanged for a long-lived token.');
		return this.mintLongLived(token, now);
	}

	/** GET /refresh_access_token?grant_type=ig_refresh_token: long-lived, ≥ 24 h old, unexpired. The old token keeps working. */
	private refresh(req: ParsedRequest, now: number): unknown {
		if (req.params.grant_type !== 'ig_refresh_token') throw errors.oauthParam(`Unsupported grant_type: ${req.params.grant_type ?? '(missing)'}. Expected ig_refresh_token.`);
		const { token } = this.authenticate(req, now);
		if (token.kind !== 'long') throw errors.oauthParam('Only long-lived access tokens can be refreshed.');
		if (now - token.issuedAt < REFRESH_MIN_AGE_MS) throw errors.oauthParam('The access token cannot be refreshed until it is at least 24 hours old.');
		return this.mintLongLived(token, now);
	}

	// ------------------------------------------------------------ internals: endpoints

	private isSelf(id: string, viewer: Viewer): boolean {
		// On graph.facebook.com `me` is the Facebook user or Page, and accounts have one id.
		if (viewer.host === 'facebook') return id === viewer.account.id;
		return id === 'me' || id === viewer.account.id || id === this.appScopedId(viewer.account.id, viewer.token.appId);
	}

	private getNode(id: string, req: ParsedRequest, viewer: Viewer, now: number): unknown {
		const fields = parseFields(req.params.fields) ?? [{ name: 'id' }];
		if (this.isSelf(id, viewer)) return this.renderAccount(viewer, fields);
		const found = this.findMedia(id);
		if (found) this.assertNotVanished(found);
		// Other accounts (and anything unknown, e.g. debug_token, which graph.instagram.com lacks) are "unsupported get request".
		if (!found || found.account !== viewer.account) throw errors.unsupportedRequest('GET', id);
		assertFields(fields, MEDIA_FIELDS, 'IGMedia');
		return this.renderMedia(found, fields, now);
	}

	private listMedia(id: string, req: ParsedRequest, viewer: Viewer, now: number, stories: boolean): unknown {
		if (!this.isSelf(id, viewer)) throw errors.unsupportedRequest('GET', id);
		const fields = parseFields(req.params.fields) ?? [{ name: 'id' }];
		assertFields(fields, MEDIA_FIELDS, 'IGMedia');
		const account = viewer.account;
		const items = account.media.filter((m) => (stories ? m.mediaProductType === 'STORY' && now - m.timestamp < STORY_LIFETIME_MS : m.mediaProductType !== 'STORY'));
		// A story set to expire once listed is listed at the last moment of its 24 hours (the oldest story up).
		for (const media of items) if (stories && this.goneWhenListed.has(media.id)) media.timestamp = now - STORY_LIFETIME_MS + 1;
		const page = this.paginate(req, items, (media) => this.renderMedia({ media, account }, fields, now), viewer.host) as { data?: Array<{ id: string }> };
		// Media set to go once listed go now that a list showed them.
		for (const listed of page.data ?? []) if (this.goneWhenListed.has(listed.id)) this.gone.add(listed.id);
		return page;
	}

	private children(id: string, req: ParsedRequest, viewer: Viewer): unknown {
		const found = this.findMedia(id);
		if (!found || found.account !== viewer.account) throw errors.unsupportedRequest('GET', id);
		const fields = parseFields(req.params.fields) ?? [{ name: 'id' }];
		assertFields(fields, MEDIA_FIELDS, 'IGMedia');
		return { data: (found.media.children ?? []).map((c) => this.renderMedia({ media: c, account: found.account, parent: found.media }, fields, 0)) };
	}

	private insights(id: string, req: ParsedRequest, viewer: Viewer, now: number): unknown {
		requireScope(viewer, 'insights');
		if (this.isSelf(id, viewer)) return accountInsights(viewer.account, req.params, now);
		const found = this.findMedia(id);
		if (found) this.assertNotVanished(found);
		if (!found || found.account !== viewer.account) throw errors.unsupportedRequest('GET', id);
		return mediaInsights(found.media, found.account, req.params, now, found.parent !== undefined, viewer.host);
	}

	/** Media set to go once listed, after a list showed them (expireStoryWhenListed, deleteWhenListed). */
	private assertNotVanished(found: FoundMedia): void {
		const answer = this.goneWhenListed.get(found.media.id);
		if (!answer || !this.gone.has(found.media.id)) return;
		if (answer === 'permission') throw errors.permission();
		throw new GraphError(400, {
			message: `Unsupported get request. Object with ID '${found.media.id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
			type: 'GraphMethodException',
			code: 100,
			error_subcode: 33,
		});
	}

	private findMedia(id: string): FoundMedia | undefined {
		for (const account of this.accounts.values()) {
			for (const media of account.media) {
				if (media.id === id) return { media, account };
				const child = media.children?.find((c) => c.id === id);
				if (child) return { media: child, account, parent: media };
			}
		}
		return undefined;
	}

	private renderAccount(viewer: Viewer, fields: FieldSpec[]): Record<string, unknown> {
		assertFields(fields, viewer.host === 'facebook' ? FACEBOOK_USER_FIELDS : USER_FIELDS, 'IGUser');
		const a = viewer.account;
		const values: Record<string, unknown> = {
			// graph.facebook.com's IG User has one id, the professional account's.
			id: viewer.host === 'facebook' ? a.id : this.appScopedId(a.id, viewer.token.appId),
			user_id: viewer.host === 'facebook' ? undefined : a.id,
			username: a.username,
			name: a.username
				.split(/[._]/)
				.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
				.join(' '),
			account_type: 'BUSINESS',
			profile_picture_url: `https://scontent.cdninstagram.com/v/t51.2885-19/${a.id}_profile.jpg`,
			followers_count: a.followers,
			follows_count: Math.round(a.followers * 0.08) + 37,
			media_count: a.media.filter((m) => m.mediaProductType !== 'STORY').length,
			biography: 'Simulated Instagram professional account',
			website: `https://example.com/${a.username}`,
		};
		return Object.fromEntries(fields.filter((f) => values[f.name] !== undefined).map((f) => [f.name, values[f.name]]));
	}

	private renderMedia(found: FoundMedia, fields: FieldSpec[], now: number): Record<string, unknown> {
		const { media, account, parent } = found;
		const video = media.mediaType === 'VIDEO';
		const shortcode = shortcodeOf(media);
		const counts = !parent && media.mediaProductType !== 'STORY' ? mediaValuesAt(media, account, now) : undefined;
		const values: Record<string, unknown> = {
			id: media.id,
			media_type: media.mediaType,
			media_product_type: media.mediaProductType,
			media_url: video ? `https://scontent.cdninstagram.com/o1/v/t16/f2/m86/${media.id}.mp4` : `https://scontent.cdninstagram.com/v/t51.29350-15/${media.id}_n.jpg`,
			permalink:
				media.mediaProductType === 'STORY'
					? `https://www.instagram.com/stories/${account.username}/${media.id}/`
					: `https://www.instagram.com/${media.mediaProductType === 'REELS' ? 'reel' : 'p'}/${shortcode}/`,
			timestamp: formatTimestamp(media.timestamp),
			username: account.username,
			shortcode,
			owner: { id: account.id },
		};
		if (video) values.thumbnail_url = `https://scontent.cdninstagram.com/v/t51.29350-15/${media.id}_thumb.jpg`;
		if (!parent) {
			if (media.caption !== undefined) values.caption = media.caption;
			values.is_comment_enabled = media.mediaProductType !== 'STORY';
		}
		if (counts) {
			values.like_count = counts.likes;
			values.comments_count = counts.comments;
		}
		if (media.mediaProductType === 'REELS') values.is_shared_to_feed = true;
		const out: Record<string, unknown> = {};
		for (const f of fields) {
			if (f.name === 'children') {
				if (!media.children) continue;
				const sub = f.sub?.length ? f.sub : [{ name: 'id' }];
				assertFields(sub, MEDIA_FIELDS, 'IGMedia');
				out.children = { data: media.children.map((c) => this.renderMedia({ media: c, account, parent: media }, sub, now)) };
			} else if (values[f.name] !== undefined) {
				out[f.name] = values[f.name];
			}
		}
		// Graph always answers with the id, even when not asked for it.
		return { ...out, id: media.id };
	}

	/** Newest-first cursor paging (../paging.ts); paging.next is a full URL without the access token; the last page has no after/next. */
	private paginate(req: ParsedRequest, media: IgSimMedia[], render: (m: IgSimMedia) => unknown, host: IgSimHost): unknown {
		const q = req.params;
		const limit = parseLimit(q.limit);
		const since = q.since !== undefined ? parseTimeParam('since', q.since) * 1000 : -Infinity;
		const until = q.until !== undefined ? parseTimeParam('until', q.until) * 1000 : Infinity;
		const items = media.filter((m) => m.timestamp >= since && m.timestamp <= until).sort((a, b) => b.timestamp - a.timestamp);
		return cursorPage(items, { params: q, limit, links: true, url: (name, cursor) => pagingUrl(host === 'facebook' ? FACEBOOK_HOST : INSTAGRAM_HOST, req.path, req.urlQuery, name, cursor), fault: req.pagingFault }, render);
	}

	/** Written on arrival; hangs and resets are logged with status 0. */
	private log(req: ParsedRequest, res: IgSimResponse | TransportFault, startedAt: number): void {
		this.requests.push(requestLogEntry(req, res, startedAt));
	}
}

// ---------------------------------------------------------------- module helpers

function requireScope(viewer: Viewer, kind: 'basic' | 'insights'): void {
	const scope = SCOPES[viewer.host][kind];
	if (!viewer.token.scopes.includes(scope)) throw errors.permission(scope);
}

function assertFields(fields: FieldSpec[], allowed: ReadonlySet<string>, nodeType: string): void {
	for (const f of fields) if (!allowed.has(f.name)) throw errors.nonexistingField(f.name, nodeType);
}

/** The list endpoints, where paging faults apply: /{ig-user-id}/media, /{ig-user-id}/stories and (graph.facebook.com) /me/accounts. */
function isListRequest(req: ParsedRequest): boolean {
	const [, second] = req.route;
	return req.method === 'GET' && req.route.length === 2 && (second === 'media' || second === 'stories' || (req.host === 'facebook' && second === 'accounts'));
}

/** Instagram's own fault kinds (the shared ones are ../faults.ts'). */
function faultError(fault: IgSimFault, now: number): GraphError {
	const e = ((): GraphError => {
		switch (fault.kind) {
			case 'expiredToken':
				return errors.expiredToken(now - HOUR_MS, now);
			case 'invalidToken':
				return errors.invalidToken();
			case 'missingScope':
				return errors.permission();
			case 'rateLimit': {
				// With regainAccessMinutes: the account's X-Business-Use-Case-Usage estimate rides along on the app-level (code 4) answer.
				const app = errors.appRateLimit();
				return fault.regainAccessMinutes === undefined ? app : new GraphError(app.status, app.fields, { ...app.headers, ...igErrors.igRateLimitUntil(fault.regainAccessMinutes).headers });
			}
			case 'igRateLimit':
				return fault.regainAccessMinutes === undefined ? igErrors.igRateLimit() : igErrors.igRateLimitUntil(fault.regainAccessMinutes);
			case 'invalidParameter':
				return igErrors.param('Invalid parameter');
			default:
				throw new Error(`InstagramSimulator: unknown fault kind ${fault.kind}`);
		}
	})();
	return withOverrides(e, fault);
}

function jsonHeaders(): Record<string, string> {
	return { 'Content-Type': 'application/json; charset=UTF-8' };
}

function header(headers: IgSimRequest['headers'], name: string): string | undefined {
	const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
	const value = entry?.[1];
	return Array.isArray(value) ? value[0] : value;
}

function parseBody(body: string | undefined): Record<string, string> {
	if (!body) return {};
	if (body.trimStart().startsWith('{')) {
		try {
			const parsed = JSON.parse(body) as Record<string, unknown>;
			return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
		} catch {
			return {};
		}
	}
	return Object.fromEntries(new URLSearchParams(body));
}

function parseRequest(input: IgSimRequest, host: IgSimHost): ParsedRequest {
	const url = new URL(input.path, host === 'facebook' ? FACEBOOK_HOST : INSTAGRAM_HOST);
	const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
	if (segments[0] && /^v\d+(\.\d+)?$/.test(segments[0])) segments.shift();
	const params = { ...Object.fromEntries(url.searchParams), ...parseBody(input.body) };
	const bearer = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header(input.headers, 'authorization') ?? '')?.[1];
	const token = bearer ?? params.access_token;
	return {
		host,
		method: input.method.toUpperCase(),
		path: url.pathname,
		rawPath: url.pathname + url.search,
		route: segments,
		params,
		urlQuery: url.searchParams,
		token: token || undefined,
		authVia: bearer ? 'header' : params.access_token ? 'query' : 'none',
	};
}
