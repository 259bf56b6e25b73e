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
export const IG_SIM_DEFAULT_APP_ID = '990000000000002';
/** Calls per account per 24 h that make X-Business-Use-Case-Usage reach 100 %. */
export const IG_CALL_BUDGET = 4800;

const SHORT_LIVED_SEC = 3600;
const LONG_LIVED_SEC = 5_184_000; // 60 days
const REFRESH_MIN_AGE_MS = 24 * HOUR_MS;
const BASIC = 'instagram_business_basic';
const INSIGHTS = 'instagram_business_manage_insights';
/** Real Instagram edges this simulator leaves out: they answer 501 so a test hitting them fails loudly. */
const UNMODELLED_EDGES = ['comments', 'replies', 'media_publish', 'content_publishing_limit', 'tags', 'live_media', 'mentioned_media', 'conversations', 'messages', 'subscribed_apps', 'collaborators'];

const USER_FIELDS = new Set(['id', 'user_id', 'username', 'name', 'account_type', 'profile_picture_url', 'followers_count', 'follows_count', 'media_count', 'biography', 'website']);
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
	}

	/** Remove this simulator's interceptors only (other nock scopes stay) and release hanging requests. */
	uninstall(): void {
		this.installation.uninstall();
		this.frontEnd.releaseHangs();
	}

	/** Rejects with a SimulatedSocketError (ECONNRESET) for a `reset` fault or a released hang. */
	async handle(input: IgSimRequest): Promise<IgSimResponse> {
		const req = parseRequest(input);
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
			const body = this.route(req, now);
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
		const [first = '', second] = req.route;
		const depth = req.route.length;
		if (req.method !== 'GET') throw igErrors.notModelled(`${req.method} ${req.path}`);
		if (depth === 1 && first === 'access_token') return this.exchange(req, now);
		if (depth === 1 && first === 'refresh_access_token') return this.refresh(req, now);

		const viewer = this.authenticate(req, now);
		requireScope(viewer, BASIC);
		if (depth === 1) return this.getNode(first, req, viewer, now);
		if (depth === 2 && second === 'media') return this.listMedia(first, req, viewer, now, false);
		if (depth === 2 && second === 'stories') return this.listMedia(first, req, viewer, now, true);
		if (depth === 2 && second === 'insights') return this.insights(first, req, viewer, now);
		if (depth === 2 && second === 'children') return this.children(first, req, viewer);
		if (depth === 2 && UNMODELLED_EDGES.includes(second)) throw igErrors.notModelled(`the /${second} edge`);
		throw errors.unknownPath('/' + req.route.slice(1).join('/'));
	}

	// ------------------------------------------------------------ internals: auth and tokens

	private authenticate(req: ParsedRequest, now: number): Viewer {
		const viewer = this.checkToken(req.token, now);
		req.account = viewer.account;
		const recent = (this.calls.get(viewer.account.id) ?? []).filter((t) => t > now - DAY_MS);
		recent.push(now);
		this.calls.set(viewer.account.id, recent);
		return viewer;
	}

	private checkToken(token: string | undefined, now: number): Viewer {
		if (!token) throw errors.missingToken();
		const record = this.tokens.get(token);
		const account = record && this.accounts.get(record.accountId);
		if (!record || !account) throw errors.invalidToken();
		if (record.revoked) throw errors.revokedToken();
		if (now >= record.expiresAt) throw errors.expiredToken(record.expiresAt, now);
		return { token: record, account };
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
		return id === 'me' || id === viewer.account.id || id === this.appScopedId(viewer.account.id, viewer.token.appId);
	}

	private getNode(id: string, req: ParsedRequest, viewer: Viewer, now: number): unknown {
		const fields = parseFields(req.params.fields) ?? [{ name: 'id' }];
		if (this.isSelf(id, viewer)) return this.renderAccount(viewer, fields);
		const found = this.findMedia(id);
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
		return this.paginate(req, items, (media) => this.renderMedia({ media, account }, fields, now));
	}

	private children(id: string, req: ParsedRequest, viewer: Viewer): unknown {
		const found = this.findMedia(id);
		if (!found || found.account !== viewer.account) throw errors.unsupportedRequest('GET', id);
		const fields = parseFields(req.params.fields) ?? [{ name: 'id' }];
		assertFields(fields, MEDIA_FIELDS, 'IGMedia');
		return { data: (found.media.children ?? []).map((c) => this.renderMedia({ media: c, account: found.account, parent: found.media }, fields, 0)) };
	}

	private insights(id: string, req: ParsedRequest, viewer: Viewer, now: number): unknown {
		requireScope(viewer, INSIGHTS);
		if (this.isSelf(id, viewer)) return accountInsights(viewer.account, req.params, now);
		const found = this.findMedia(id);
		if (!found || found.account !== viewer.account) throw errors.unsupportedRequest('GET', id);
		return mediaInsights(found.media, found.account, req.params, now, found.parent !== undefined);
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
		assertFields(fields, USER_FIELDS, 'IGUser');
		const a = viewer.account;
		const values: Record<string, unknown> = {
			id: this.appScopedId(a.id, viewer.token.appId),
			user_id: a.id,
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
		return Object.fromEntries(fields.map((f) => [f.name, values[f.name]]));
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
	private paginate(req: ParsedRequest, media: IgSimMedia[], render: (m: IgSimMedia) => unknown): unknown {
		const q = req.params;
		const limit = parseLimit(q.limit);
		const since = q.since !== undefined ? parseTimeParam('since', q.since) * 1000 : -Infinity;
		const until = q.until !== undefined ? parseTimeParam('until', q.until) * 1000 : Infinity;
		const items = media.filter((m) => m.timestamp >= since && m.timestamp <= until).sort((a, b) => b.timestamp - a.timestamp);
		return cursorPage(items, { params: q, limit, links: true, url: (name, cursor) => pagingUrl(INSTAGRAM_HOST, req.path, req.urlQuery, name, cursor), fault: req.pagingFault }, render);
	}

	/** Written on arrival; hangs and resets are logged with status 0. */
	private log(req: ParsedRequest, res: IgSimResponse | TransportFault, startedAt: number): void {
		this.requests.push(requestLogEntry(req, res, startedAt));
	}
}

// ---------------------------------------------------------------- module helpers

function requireScope(viewer: Viewer, scope: string): void {
	if (!viewer.token.scopes.includes(scope)) throw errors.permission(scope);
}

function assertFields(fields: FieldSpec[], allowed: ReadonlySet<string>, nodeType: string): void {
	for (const f of fields) if (!allowed.has(f.name)) throw errors.nonexistingField(f.name, nodeType);
}

/** The list endpoints, where paging faults apply: /{ig-user-id}/media and /{ig-user-id}/stories. */
function isListRequest(req: ParsedRequest): boolean {
	const [, second] = req.route;
	return req.method === 'GET' && req.route.length === 2 && (second === 'media' || second === 'stories');
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
			case 'rateLimit':
				return errors.appRateLimit();
			case 'igRateLimit':
				return igErrors.igRateLimit();
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

function parseRequest(input: IgSimRequest): ParsedRequest {
	const url = new URL(input.path, INSTAGRAM_HOST);
	const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
	if (segments[0] && /^v\d+(\.\d+)?$/.test(segments[0])) segments.shift();
	const params = { ...Object.fromEntries(url.searchParams), ...parseBody(input.body) };
	const bearer = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(header(input.headers, 'authorization') ?? '')?.[1];
	const token = bearer ?? params.access_token;
	return {
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
