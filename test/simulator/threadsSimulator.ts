/**
 * An in-process simulator of Meta's Threads Graph API (graph.threads.net), built to the
 * reference pages in /work/shared/reference. One model, two doors:
 *
 *   - `handle()` answers a request object directly (unit tests, benchmarks);
 *   - `install()` puts the same model behind nock interceptors so any code using Node's
 *     http/https/fetch talks to it at the socket level.
 *
 * State kept here: users (world.ts), tokens, OAuth apps and codes, queued faults, the
 * request log and concurrency counters. Endpoint shapes live in render.ts / insights.ts,
 * parameter rules in params.ts, error shapes in errors.ts.
 */
import type { DiscoveryPaging, DiscoveryRequest, SimReply } from './discovery';
import { DiscoveryModel } from './discovery';
import { errors, GraphError } from './errors';
import { mediaInsights, userInsights } from './insights';
import { parseFields, parseLimit, parseListRange } from './params';
import { cursorPage, pagingUrl } from './paging';
import { opaqueString } from './random';
import { assertMediaFields, MediaView, renderMedia, renderUser } from './render';
import { createUser, DAY_MS, engagementGained, HOUR_MS, NewUser, SimPost, SimUser } from './world';
import type { FaultOptions, PagingFaultKind, SharedFaultKind } from './faults';
import { isPagingFault, sharedFaultOutcome, withOverrides } from './faults';
import type { RequestLogEntry } from './frontEnd';
import { FaultQueue, requestLogEntry, ThrottlingFrontEnd, TransportFault } from './frontEnd';
import { NockInstallation } from './nockInstallation';

export type { MediaMetric, NewUser, SimMediaType, SimPoll, SimPost, SimUser } from './world';
export type { SharedFaultKind } from './faults';
export type { DiscoveryPaging, HideStatus, SimReply } from './discovery';
export { KEYWORD_SEARCH_QUOTA } from './discovery';
export { GraphError } from './errors';
export { SimulatedSocketError } from './frontEnd';

export const GRAPH_HOST = 'https://graph.threads.net';

/** Where a media id was found: the post (or carousel child), its owner, and the top-level post's index. */
interface IndexedMedia {
	post: SimPost;
	owner: SimUser;
	parent?: SimPost;
	at: number;
}

/** Threads' own Graph error kinds plus the kinds both simulators share (faults.ts). */
export type SimulatedErrorKind = 'expiredToken' | 'invalidToken' | 'missingScope' | 'rateLimit' | 'featureNotAvailable' | 'invalidParameter' | SharedFaultKind;

export type LoggedRequest = RequestLogEntry<SimulatedErrorKind>;

export interface SimulatorOptions {
	/** Delay before each accepted request is answered (real timer). Default 0. */
	latencyMs?: number;
	/** Clock, ms epoch. Default Date.now. */
	now?: () => number;
	/** Concurrency limit: a request arriving while this many are in flight is refused with code 4. */
	maxInFlight?: number;
	/** Default false: list responses carry only paging.cursors, which Meta's docs say may happen. */
	includePagingNext?: boolean;
	/** How search, mentions and replies page (discovery.ts): cursors only (default), with paging.next links, or one page without paging. */
	discoveryPaging?: DiscoveryPaging;
	/** Replies and conversation answer pages of 25 whatever `limit` asks (the edge documents no limit). */
	repliesIgnoreLimit?: boolean;
}

/** A queued fault: `times` (default 1), `path` (tested against path + query), `status`, `retryAfterSec`. */
export interface SimFault extends FaultOptions {
	kind: SimulatedErrorKind;
}

export interface SimRequest {
	method: string;
	/** Path with query string, e.g. "/v1.0/me?fields=id". */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body?: string;
}

export interface SimResponse {
	status: number;
	/** Parsed JSON; for the body faults (htmlError, emptyBody, …) the body text itself. */
	body: unknown;
	/** Set by body faults: the exact text sent on the wire instead of JSON. */
	rawBody?: string;
	headers?: Record<string, string>;
}

export interface IssueTokenOptions {
	/** Default: threads_basic, threads_manage_insights, threads_profile_discovery. */
	scopes?: string[];
	/** Default 'long'. */
	kind?: 'short' | 'long';
	/** ms epoch. Default now(). */
	issuedAt?: number;
	/** Default 1 h for short-lived, 60 days for long-lived tokens. */
	expiresInSec?: number;
	/** App the token belongs to (debug_token app_id; secret checked on exchange). Default: the first registered app. */
	clientId?: string;
}

export const DEFAULT_SCOPES = ['threads_basic', 'threads_manage_insights', 'threads_profile_discovery'];
/** With standard access, profile discovery only works for Meta's official accounts. */
export const STANDARD_ACCESS_PROFILES = ['meta', 'threads', 'instagram', 'facebook'];
/** app_id reported for tokens issued when no app is registered. */
export const SIM_DEFAULT_APP_ID = '990000000000001';

const SHORT_LIVED_SEC = 3600;
const LONG_LIVED_SEC = 5_184_000; // 60 days
const AUTH_CODE_TTL_MS = HOUR_MS;
const REFRESH_MIN_AGE_MS = 24 * HOUR_MS;
const DISCOVERY_BUDGET = 1000; // profile_lookup + profile_posts, per user, rolling 24 h
const MIN_DISCOVERABLE_FOLLOWERS = 1000;
/** Query/body parameters that are credentials: never written to the request log. */
/** Edges Meta has that this simulator deliberately leaves out (publishing, reply management, …). */
const UNMODELLED_EDGES = ['pending_replies', 'ghost_posts', 'threads_publish', 'threads_publishing_limit', 'manage_reply', 'reposts', 'repost'];

interface TokenRecord {
	userId: string;
	scopes: string[];
	kind: 'short' | 'long';
	issuedAt: number;
	expiresAt: number;
	appId: string;
	revoked: boolean;
}

export interface SimApp {
	clientId: string;
	clientSecret: string;
	redirectUri?: string;
	name?: string;
}

interface AuthCode {
	userId: string;
	clientId: string;
	scopes: string[];
	issuedAt: number;
	used: boolean;
}

/** A request after parsing: what every handler works from. */
interface ParsedRequest {
	method: string;
	/** Path as sent, without query. */
	path: string;
	/** Path with query, as sent (what fault `path` patterns are tested against). */
	rawPath: string;
	/** Path segments after the optional /v1.0 prefix. */
	route: string[];
	/** URL query merged with form/JSON body fields. */
	params: Record<string, string>;
	/** The URL query as sent, for building paging URLs. */
	urlQuery: URLSearchParams;
	token?: string;
	authVia: LoggedRequest['authVia'];
	/** The failNext kind this request took. */
	fault?: SimulatedErrorKind;
	/** Set when a paging fault applies to this list request. */
	pagingFault?: PagingFaultKind;
}

interface Viewer {
	token: TokenRecord;
	user: SimUser;
}

export class ThreadsSimulator {
	readonly options: SimulatorOptions;
	readonly requests: LoggedRequest[] = [];
	private readonly users = new Map<string, SimUser>();
	private readonly mediaIndex = new Map<string, IndexedMedia>();
	private readonly tokens = new Map<string, TokenRecord>();
	private readonly apps = new Map<string, SimApp>();
	private readonly codes = new Map<string, AuthCode>();
	private readonly faults = new FaultQueue<SimFault>();
	private readonly frontEnd: ThrottlingFrontEnd;
	private standardAccessOnly = false;
	/** Profile discovery calls per user (ms epochs), for the rolling 24 h budget. */
	private readonly discoveryCalls = new Map<string, number[]>();
	private credentialSeq = 0;
	private traceSeq = 0;
	private readonly installation = new NockInstallation();
	/** Search, mentions, replies and conversations (discovery.ts). */
	readonly discovery: DiscoveryModel;
	/** The URL of the request being answered, for discovery paging links. */
	private answering?: ParsedRequest;

	constructor(options: SimulatorOptions = {}) {
		this.options = options;
		this.frontEnd = new ThrottlingFrontEnd(options);
		this.discovery = new DiscoveryModel(
			{
				users: () => this.users.values(),
				user: (id) => this.users.get(id),
				post: (id) => {
					const media = this.findMedia(id);
					return media && !media.parent ? { post: media.post, owner: media.owner } : undefined;
				},
				pagingUrl: (name, cursor) => (this.answering ? pagingUrl(GRAPH_HOST, this.answering.path, this.answering.urlQuery, name, cursor) : ''),
			},
			{ paging: options.discoveryPaging ?? 'cursors', repliesIgnoreLimit: options.repliesIgnoreLimit ?? false },
		);
	}

	/** A reply under one of the world's posts (its author must be a user of the world). */
	addReply(reply: SimReply): SimReply {
		return this.discovery.addReply(reply);
	}

	/**
	 * App Review of the discovery permissions (default: approved). Not approved: keyword search
	 * covers only the token's own posts, mentions come only from the app's testers.
	 */
	setAppReview(review: { keywordSearch?: boolean; mentions?: boolean }): void {
		if (review.keywordSearch !== undefined) this.discovery.settings.keywordSearchApproved = review.keywordSearch;
		if (review.mentions !== undefined) this.discovery.settings.mentionsApproved = review.mentions;
	}

	/** A Threads tester of the app: their mentions are returned without App Review. */
	addTester(userId: string): void {
		this.discovery.settings.testers.add(userId);
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

	addUser(input: NewUser): SimUser {
		if (this.users.has(input.id)) throw new Error(`ThreadsSimulator: user id ${input.id} already exists`);
		if (this.getUser(input.username)) throw new Error(`ThreadsSimulator: username ${input.username} already exists`);
		const user = createUser(input, this.now());
		this.users.set(user.id, user);
		return user;
	}

	getUser(idOrUsername: string): SimUser | undefined {
		return this.users.get(idOrUsername) ?? [...this.users.values()].find((u) => u.username === idOrUsername);
	}

	issueToken(userId: string, opts: IssueTokenOptions = {}): string {
		if (!this.users.has(userId)) throw new Error(`ThreadsSimulator: cannot issue a token for unknown user ${userId}`);
		const kind = opts.kind ?? 'long';
		const issuedAt = opts.issuedAt ?? this.now();
		const lifetimeSec = opts.expiresInSec ?? (kind === 'short' ? SHORT_LIVED_SEC : LONG_LIVED_SEC);
		return this.mintToken({
			userId,
			scopes: [...(opts.scopes ?? DEFAULT_SCOPES)],
			kind,
			issuedAt,
			expiresAt: issuedAt + lifetimeSec * 1000,
			appId: opts.clientId ?? this.apps.keys().next().value ?? SIM_DEFAULT_APP_ID,
			revoked: false,
		});
	}

	revokeToken(token: string): void {
		const record = this.tokens.get(token);
		if (record) record.revoked = true;
	}

	registerApp(app: SimApp): void {
		this.apps.set(app.clientId, { ...app });
	}

	/** A code as the authorize redirect would deliver it (without Meta's trailing "#_"). */
	issueAuthCode(userId: string, clientId: string, scopes: string[] = DEFAULT_SCOPES): string {
		if (!this.users.has(userId)) throw new Error(`ThreadsSimulator: unknown user ${userId}`);
		const code = 'AQ' + opaqueString(`code:${this.credentialSeq++}:${userId}:${clientId}`, 62);
		this.codes.set(code, { userId, clientId, scopes: [...scopes], issuedAt: this.now(), used: false });
		return code;
	}

	// ------------------------------------------------------------ faults

	/** Queue a fault for the next matching request(s); see faults.ts for the shared kinds. */
	failNext(fault: SimFault): void {
		this.faults.push(fault);
	}

	/** Ends every hanging request (the client gets ECONNRESET "socket hang up"); uninstall() and reset() do this too. */
	releaseHangs(): number {
		return this.frontEnd.releaseHangs();
	}

	/** On: profile_posts/profile_lookup (and other users' media) only for @meta, @threads, @instagram, @facebook. */
	setStandardAccessOnly(on: boolean): void {
		this.standardAccessOnly = on;
	}

	// ------------------------------------------------------------ observation

	/** Releases hanging requests; clears the log, queued faults, counters and discovery budgets; keeps users, tokens and apps. */
	reset(): void {
		this.frontEnd.releaseHangs();
		this.requests.length = 0;
		this.faults.clear();
		this.frontEnd.resetCounters();
		this.discoveryCalls.clear();
		this.discovery.resetCounters();
		this.traceSeq = 0;
	}

	// ------------------------------------------------------------ transport

	/** Intercept every request to GRAPH_HOST (nock, socket level) until uninstall(). */
	install(): void {
		this.installation.install(GRAPH_HOST, (req) => this.handle(req));
	}

	/** Remove this simulator's interceptors only (other nock scopes stay) and release hanging requests. */
	uninstall(): void {
		this.installation.uninstall();
		this.frontEnd.releaseHangs();
	}

	/**
	 * The model: answer one request. Applies the concurrency limit, faults and latency. Rejects
	 * with a SimulatedSocketError (ECONNRESET) for a `reset` fault or a released hang.
	 */
	async handle(input: SimRequest): Promise<SimResponse> {
		const req = parseRequest(input);
		const now = this.now();
		const logged = <R extends SimResponse | TransportFault>(response: R): R => (this.log(req, response, now), response);
		// Over the in-flight limit: refused with code 4, after the latency (see ThrottlingFrontEnd).
		return await this.frontEnd.admit(
			() => logged(this.errorResponse(errors.appRateLimit())),
			() => logged(this.respond(req, now)),
		);
	}

	// ------------------------------------------------------------ internals: dispatch

	private now(): number {
		return (this.options.now ?? Date.now)();
	}

	private respond(req: ParsedRequest, now: number): SimResponse | TransportFault {
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
			return { status: 200, body: this.route(req, now), headers: jsonHeaders() };
		} catch (e) {
			if (e instanceof GraphError) return this.errorResponse(e);
			throw e;
		}
	}

	private errorResponse(e: GraphError): SimResponse {
		const fbtraceId = 'A' + opaqueString(`fbtrace:${this.traceSeq++}`, 22);
		return { status: e.status, body: e.body(fbtraceId), headers: { ...jsonHeaders(), ...e.headers } };
	}

	private route(req: ParsedRequest, now: number): unknown {
		const [first = '', second] = req.route;
		const depth = req.route.length;
		if (req.method === 'POST' && depth === 2 && first === 'oauth' && second === 'access_token') return this.exchangeAuthCode(req, now);
		if (req.method !== 'GET') throw errors.notModelled(`${req.method} ${req.path}`);
		if (depth === 1 && first === 'access_token') return this.exchangeForLongLived(req, now);
		if (depth === 1 && first === 'refresh_access_token') return this.refreshLongLived(req, now);
		if (depth === 1 && first === 'debug_token') return this.debugToken(req, now);

		const viewer = this.authenticate(req.token, now);
		requireScope(viewer, 'threads_basic');
		if (depth === 1 && first === 'profile_posts') return this.profilePosts(req, viewer, now);
		if (depth === 1 && first === 'profile_lookup') return this.profileLookup(req, viewer, now);
		if (depth === 1 && first === 'keyword_search') return this.discovery.keywordSearch(this.discoveryRequest(req, viewer, now));
		if (depth === 2 && second === 'mentions') {
			this.resolveSelf(first, viewer, 'GET');
			return this.discovery.mentions(this.discoveryRequest(req, viewer, now));
		}
		if (depth === 2 && second === 'replies' && (first === 'me' || first === viewer.user.id)) return this.discovery.ownReplies(this.discoveryRequest(req, viewer, now));
		if (depth === 2 && second === 'replies') return this.discovery.repliesOf(first, 'top', this.discoveryRequest(req, viewer, now));
		if (depth === 2 && second === 'conversation') return this.discovery.repliesOf(first, 'all', this.discoveryRequest(req, viewer, now));
		if (depth === 1) return this.getNode(first, req, viewer, now);
		if (depth === 2 && second === 'threads') return this.listOwnThreads(first, req, viewer, now);
		if (depth === 2 && second === 'threads_insights') return this.userInsights(first, req, viewer, now);
		if (depth === 2 && second === 'insights') return this.mediaInsights(first, req, viewer, now);
		if (depth === 2 && UNMODELLED_EDGES.includes(second)) throw errors.notModelled(`the /${second} edge`);
		throw errors.unknownPath('/' + req.route.slice(1).join('/'));
	}

	// ------------------------------------------------------------ internals: auth

	private authenticate(token: string | undefined, now: number): Viewer {
		if (!token) throw errors.missingToken();
		const record = this.tokens.get(token);
		const user = record && this.users.get(record.userId);
		if (!record || !user) throw errors.invalidToken();
		if (record.revoked) throw errors.revokedToken();
		if (now >= record.expiresAt) throw errors.expiredToken(record.expiresAt, now);
		return { token: record, user };
	}

	private mintToken(record: TokenRecord): string {
		const token = 'THAA' + opaqueString(`token:${this.credentialSeq++}:${record.userId}`, 96);
		this.tokens.set(token, record);
		return token;
	}

	/** Long-lived tokens, as returned by both exchange and refresh: 60 days from now. */
	private mintLongLived(from: TokenRecord, now: number): Record<string, unknown> {
		const accessToken = this.mintToken({ ...from, kind: 'long', issuedAt: now, expiresAt: now + LONG_LIVED_SEC * 1000, revoked: false });
		return { access_token: accessToken, token_type: 'bearer', expires_in: LONG_LIVED_SEC };
	}

	/** POST /oauth/access_token: authorization code → short-lived token (1 h). */
	private exchangeAuthCode(req: ParsedRequest, now: number): unknown {
		const p = req.params;
		const app = this.apps.get(p.client_id ?? '');
		if (!app) throw errors.invalidClientId();
		if (p.client_secret !== app.clientSecret) throw errors.invalidClientSecret();
		if (p.grant_type !== 'authorization_code') throw errors.oauthParam(`Unsupported grant_type: ${p.grant_type ?? '(missing)'}. Expected authorization_code.`);
		if (!p.redirect_uri) throw errors.oauthParam('Missing redirect_uri parameter.');
		if (app.redirectUri !== undefined && p.redirect_uri !== app.redirectUri)
			throw errors.oauthParam('Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', 36008);
		// A code with Meta's "#_" suffix still attached is not the code: it fails like any unknown code.
		const code = this.codes.get(p.code ?? '');
		if (!code || code.clientId !== app.clientId) throw errors.oauthParam('Invalid verification code format.');
		if (code.used) throw errors.oauthParam('This authorization code has been used.', 36009);
		if (now >= code.issuedAt + AUTH_CODE_TTL_MS) throw errors.oauthParam('This authorization code has expired.', 36007);
		code.used = true;
		const accessToken = this.mintToken({ userId: code.userId, scopes: code.scopes, kind: 'short', issuedAt: now, expiresAt: now + SHORT_LIVED_SEC * 1000, appId: app.clientId, revoked: false });
		// Meta sends user_id as a JSON number.
		return { access_token: accessToken, user_id: asJsonNumber(code.userId) };
	}

	/** GET /access_token?grant_type=th_exchange_token: short-lived → long-lived (60 days). */
	private exchangeForLongLived(req: ParsedRequest, now: number): unknown {
		if (req.params.grant_type !== 'th_exchange_token') throw errors.oauthParam(`Unsupported grant_type: ${req.params.grant_type ?? '(missing)'}. Expected th_exchange_token.`);
		if (!req.params.client_secret) throw errors.oauthParam('Missing client_secret parameter.');
		const { token } = this.authenticate(req.token, now); // an expired short-lived token cannot be exchanged
		const app = this.apps.get(token.appId);
		if (app && app.clientSecret !== req.params.client_secret) throw errors.invalidClientSecret();
		return this.mintLongLived(token, now);
	}

	/** GET /refresh_access_token: long-lived tokens at least 24 h old and unexpired; the old token keeps working. */
	private refreshLongLived(req: ParsedRequest, now: number): unknown {
		if (req.params.grant_type !== 'th_refresh_token') throw errors.oauthParam(`Unsupported grant_type: ${req.params.grant_type ?? '(missing)'}. Expected th_refresh_token.`);
		const { token } = this.authenticate(req.token, now); // expired: the user must authorize again
		if (token.kind !== 'long') throw errors.oauthParam('Only long-lived access tokens can be refreshed.');
		if (now - token.issuedAt < REFRESH_MIN_AGE_MS) throw errors.oauthParam('The access token cannot be refreshed until it is at least 24 hours old.');
		return this.mintLongLived(token, now);
	}

	/** GET /debug_token?input_token=…, called with a user token or an app token ("app_id|secret"). */
	private debugToken(req: ParsedRequest, now: number): unknown {
		const appToken = req.token?.split('|');
		const callerIsApp = appToken?.length === 2 && this.apps.get(appToken[0])?.clientSecret === appToken[1];
		if (!callerIsApp) this.authenticate(req.token, now);
		const input = req.params.input_token;
		if (!input) throw errors.param('The parameter input_token is required');
		const record = this.tokens.get(input);
		if (!record) return { data: { error: { code: 190, message: 'Invalid OAuth access token.' }, is_valid: false, scopes: [] } };
		const problem = record.revoked ? errors.revokedToken() : now >= record.expiresAt ? errors.expiredToken(record.expiresAt, now) : undefined;
		return {
			data: {
				app_id: record.appId,
				type: 'USER',
				application: this.apps.get(record.appId)?.name ?? 'Threads Simulator App',
				expires_at: Math.floor(record.expiresAt / 1000),
				is_valid: !problem,
				issued_at: Math.floor(record.issuedAt / 1000),
				scopes: record.scopes,
				user_id: record.userId,
				...(problem ? { error: { code: 190, message: problem.fields.message, subcode: problem.fields.error_subcode } } : {}),
			},
		};
	}

	// ------------------------------------------------------------ internals: data endpoints

	/** GET /me, /{user-id}, /{media-id}. */
	private getNode(id: string, req: ParsedRequest, viewer: Viewer, now: number): unknown {
		const fields = parseFields(req.params.fields);
		if (id === 'me' || id === viewer.user.id) return renderUser(viewer.user, fields);
		const media = this.findMedia(id);
		const reply = media ? undefined : this.discovery.reply(id);
		if (reply) return this.discovery.renderOne(reply, this.discoveryRequest(req, viewer, now));
		if (!media || !this.canRead(viewer, media.owner)) throw errors.unsupportedRequest('GET', id);
		const spec = fields ?? [{ name: 'id' }];
		assertMediaFields(spec);
		return renderMedia({ ...media, viewerOwnsIt: media.owner === viewer.user, now, hasReplies: this.discovery.hasReplies(media.post.id) }, spec);
	}

	/** GET /{user-id}/threads: only the token's own user ("app-scoped user"). */
	private listOwnThreads(id: string, req: ParsedRequest, viewer: Viewer, now: number): unknown {
		const user = this.resolveSelf(id, viewer, 'GET');
		const fields = parseFields(req.params.fields);
		if (fields) assertMediaFields(fields);
		return this.paginate(req, user.posts, now, (post) => renderMedia({ post, owner: user, viewerOwnsIt: true, now, hasReplies: this.discovery.hasReplies(post.id) }, fields));
	}

	/** GET /profile_posts?username=: a discoverable profile's posts, without the owner field. */
	private profilePosts(req: ParsedRequest, viewer: Viewer, now: number): unknown {
		const target = this.discover(req, viewer, now);
		const fields = parseFields(req.params.fields);
		if (fields) {
			if (fields.some((f) => f.name === 'owner')) throw errors.param('The owner field is not available on profile_posts');
			assertMediaFields(fields);
		}
		return this.paginate(req, target.posts, now, (post) => renderMedia({ post, owner: target, viewerOwnsIt: false, now, hasReplies: this.discovery.hasReplies(post.id) }, fields));
	}

	/** GET /profile_lookup?username=: profile plus engagement over the last 7 days. */
	private profileLookup(req: ParsedRequest, viewer: Viewer, now: number): unknown {
		const target = this.discover(req, viewer, now);
		const week = engagementGained(target, now - 7 * DAY_MS, now);
		return {
			username: target.username,
			name: target.name,
			profile_picture_url: target.profilePictureUrl,
			biography: target.biography,
			is_verified: target.isVerified,
			follower_count: target.followers,
			likes_count: week.likes,
			quotes_count: week.quotes,
			replies_count: week.replies,
			reposts_count: week.reposts,
			views_count: week.views,
		};
	}

	private userInsights(id: string, req: ParsedRequest, viewer: Viewer, now: number): unknown {
		requireScope(viewer, 'threads_manage_insights');
		const user = this.resolveSelf(id, viewer, 'GET');
		return userInsights(user, req.params, now);
	}

	private mediaInsights(id: string, req: ParsedRequest, viewer: Viewer, now: number): unknown {
		requireScope(viewer, 'threads_manage_insights');
		const media = this.findMedia(id);
		// Insights exist for the user's own top-level posts only.
		if (!media || media.parent) throw errors.unsupportedRequest('GET', id);
		if (media.owner !== viewer.user) throw errors.permission();
		return mediaInsights(media.post, media.owner, req.params.metric, now);
	}

	// ------------------------------------------------------------ internals: helpers

	private discoveryRequest(req: ParsedRequest, viewer: Viewer, now: number): DiscoveryRequest {
		this.answering = req;
		return { params: req.params, viewer: viewer.user, scopes: viewer.token.scopes, now };
	}

	private resolveSelf(id: string, viewer: Viewer, method: string): SimUser {
		if (id === 'me' || id === viewer.user.id) return viewer.user;
		throw errors.unsupportedRequest(method, id);
	}

	/**
	 * Media by id, indexed so a 5,000-post benchmark does not spend its CPU here. Tests change
	 * a user's `posts` array in place, so a hit is trusted only while the post still sits where
	 * it was indexed; otherwise the index is rebuilt.
	 */
	private findMedia(id: string): Omit<MediaView, 'viewerOwnsIt' | 'now'> | undefined {
		const stillThere = (entry: IndexedMedia | undefined) => entry && entry.owner.posts[entry.at] === (entry.parent ?? entry.post);
		let entry = this.mediaIndex.get(id);
		if (!stillThere(entry)) {
			this.indexMedia();
			entry = this.mediaIndex.get(id);
		}
		return entry && { post: entry.post, owner: entry.owner, parent: entry.parent };
	}

	private indexMedia(): void {
		this.mediaIndex.clear();
		for (const owner of this.users.values()) {
			owner.posts.forEach((post, at) => {
				if (!this.mediaIndex.has(post.id)) this.mediaIndex.set(post.id, { post, owner, at });
				for (const child of post.children ?? []) {
					if (!this.mediaIndex.has(child.id)) this.mediaIndex.set(child.id, { post: child, owner, parent: post, at });
				}
			});
		}
	}

	/** Own media always; other users' public media only with advanced access. */
	private canRead(viewer: Viewer, owner: SimUser): boolean {
		if (owner === viewer.user) return true;
		return owner.public && (!this.standardAccessOnly || STANDARD_ACCESS_PROFILES.includes(owner.username));
	}

	/**
	 * Profile discovery: needs threads_profile_discovery, spends the caller's rolling
	 * 24 h budget (every sent query counts), and only finds public profiles with at least
	 * 1,000 followers — with standard access, only Meta's four official accounts.
	 */
	private discover(req: ParsedRequest, viewer: Viewer, now: number): SimUser {
		requireScope(viewer, 'threads_profile_discovery');
		this.spendDiscoveryBudget(viewer.user.id, now);
		const username = req.params.username;
		if (!username) throw errors.param('The parameter username is required');
		const target = [...this.users.values()].find((u) => u.username === username);
		const allowed =
			target &&
			target.public &&
			target.followers >= MIN_DISCOVERABLE_FOLLOWERS &&
			(!this.standardAccessOnly || STANDARD_ACCESS_PROFILES.includes(target.username));
		if (!allowed) throw errors.param(`The Threads profile '${username}' was not found or is not available for profile discovery (public profiles with at least 1,000 followers only)`);
		return target;
	}

	private spendDiscoveryBudget(userId: string, now: number): void {
		const recent = (this.discoveryCalls.get(userId) ?? []).filter((t) => t > now - DAY_MS);
		if (recent.length >= DISCOVERY_BUDGET) {
			this.discoveryCalls.set(userId, recent);
			throw errors.userRateLimit();
		}
		recent.push(now);
		this.discoveryCalls.set(userId, recent);
	}

	/**
	 * Newest-first cursor paging shared by /threads and /profile_posts (paging.ts). The last
	 * page has no `after` cursor; an empty page has no `paging` at all.
	 */
	private paginate(req: ParsedRequest, posts: SimPost[], now: number, render: (post: SimPost) => unknown): unknown {
		const q = req.params;
		const limit = parseLimit(q.limit);
		const { since, until } = parseListRange(q, now);
		const items = posts
			.filter((p) => (since === undefined || p.timestamp >= since * 1000) && (until === undefined || p.timestamp <= until * 1000))
			.sort((a, b) => b.timestamp - a.timestamp);
		return cursorPage(items, { params: q, limit, links: this.options.includePagingNext === true, url: (name, cursor) => pagingUrl(GRAPH_HOST, req.path, req.urlQuery, name, cursor), fault: req.pagingFault }, render);
	}

	/** Written on arrival; hangs and resets are logged with status 0. */
	private log(req: ParsedRequest, res: SimResponse | TransportFault, startedAt: number): void {
		this.requests.push(requestLogEntry(req, res, startedAt));
	}
}

// ---------------------------------------------------------------- module helpers

function requireScope(viewer: Viewer, scope: string): void {
	if (!viewer.token.scopes.includes(scope)) throw errors.permission(scope);
}

/** The list endpoints, where paging faults apply: /me/threads, /{id}/threads, /profile_posts. */
function isListRequest(req: ParsedRequest): boolean {
	const [first, second] = req.route;
	return req.method === 'GET' && ((req.route.length === 2 && second === 'threads') || (req.route.length === 1 && first === 'profile_posts'));
}

/** Threads' own fault kinds (the shared ones are faults.ts'). */
function faultError(fault: SimFault, now: number): GraphError {
	const e = ((): GraphError => {
		switch (fault.kind) {
			case 'expiredToken':
				return errors.expiredToken(now - HOUR_MS, now);
			case 'invalidToken':
				return errors.invalidToken();
			case 'missingScope':
				return errors.permission();
			case 'rateLimit':
				return errors.appRateLimit(400, fault.retryAfterSec);
			case 'featureNotAvailable':
				return errors.featureNotAvailable();
			case 'invalidParameter':
				return errors.param('Invalid parameter');
			default:
				throw new Error(`ThreadsSimulator: unknown fault kind ${fault.kind}`);
		}
	})();
	return withOverrides(e, fault);
}

function jsonHeaders(): Record<string, string> {
	return { 'Content-Type': 'application/json; charset=UTF-8' };
}

/** Numeric ids as JSON numbers when that is lossless (Meta's user_id in the code exchange). */
function asJsonNumber(id: string): number | string {
	return /^\d+$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id;
}

function header(headers: SimRequest['headers'], name: string): string | undefined {
	const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
	const value = entry?.[1];
	return Array.isArray(value) ? value[0] : value;
}

/** Form (x-www-form-urlencoded) or JSON body fields, as strings. */
function parseBody(body: string | undefined, contentType: string | undefined): Record<string, string> {
	if (!body) return {};
	if (contentType?.includes('json') || body.trimStart().startsWith('{')) {
		try {
			const parsed = JSON.parse(body) as Record<string, unknown>;
			return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
		} catch {
			return {};
		}
	}
	return Object.fromEntries(new URLSearchParams(body));
}

function parseRequest(input: SimRequest): ParsedRequest {
	const url = new URL(input.path, GRAPH_HOST);
	const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
	if (segments[0] === 'v1.0') segments.shift();
	const params = { ...Object.fromEntries(url.searchParams), ...parseBody(input.body, header(input.headers, 'content-type')) };
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

