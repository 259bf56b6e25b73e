/**
 * Graph API error responses, in Meta's shape:
 *   { error: { message, type, code, error_subcode?, error_user_title?, error_user_msg?, is_transient?, fbtrace_id } }
 *
 * Handlers throw a GraphError; the simulator turns it into a response and stamps the
 * fbtrace_id. Messages copy Meta's wording where it is known (the "(#code)" prefix is
 * how the Graph API formats numbered errors).
 */
import { DateTime } from 'luxon';

export interface GraphErrorFields {
	message: string;
	type: string;
	code: number;
	error_subcode?: number;
	error_user_title?: string;
	error_user_msg?: string;
	is_transient?: boolean;
}

export class GraphError extends Error {
	constructor(
		readonly status: number,
		readonly fields: GraphErrorFields,
		readonly headers: Record<string, string> = {},
	) {
		super(fields.message);
	}

	body(fbtraceId: string): { error: GraphErrorFields & { fbtrace_id: string } } {
		return { error: { ...this.fields, fbtrace_id: fbtraceId } };
	}
}

const OAUTH = 'OAuthException';
/** Threads-specific errors (unknown objects, bad Threads parameters) use this type. */
const THREADS = 'THApiException';

/** 190 errors carry the WWW-Authenticate header the Graph API sends with them (printable ASCII only). */
function tokenError(message: string, subcode?: number): GraphError {
	const inHeader = message.replace(/[^\x20-\x7e]|"/g, '?');
	return new GraphError(400, { message, type: OAUTH, code: 190, ...(subcode ? { error_subcode: subcode } : {}) }, { 'WWW-Authenticate': `OAuth "Facebook Platform" "invalid_token" "${inHeader}"` });
}

/** Meta formats token expiry in Pacific time, e.g. "Friday, 12-Jul-24 01:00:00 PDT". */
function pacific(ms: number): string {
	return DateTime.fromMillis(ms, { zone: 'America/Los_Angeles' }).setLocale('en-US').toFormat('cccc, dd-LLL-yy HH:mm:ss ZZZZ');
}

export const errors = {
	missingToken: () =>
		new GraphError(400, { message: 'An active access token must be used to query information about the current user.', type: OAUTH, code: 2500 }),
	invalidToken: () => tokenError('Invalid OAuth access token - Cannot parse access token', 467),
	expiredToken: (expiredAt: number, now: number) =>
		tokenError(`Error validating access token: Session has expired on ${pacific(expiredAt)}. The current time is ${pacific(now)}.`, 463),
	revokedToken: () =>
		tokenError('Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', 460),

	/** Missing permission. `permission` names the scope the token lacks, when known. */
	permission: (permission?: string) =>
		new GraphError(400, {
			message: '(#10) Application does not have permission for this action',
			type: OAUTH,
			code: 10,
			...(permission ? { error_user_title: 'Missing permission', error_user_msg: `This action requires the ${permission} permission, which the access token was not granted.` } : {}),
		}),
	/**
	 * THREADS_API__FEATURE_NOT_AVAILABLE. Meta documents only the error name and text,
	 * not the numeric shape; modelled as a permission-family error (code 10) whose
	 * message starts with the documented error name so clients can match on it.
	 */
	featureNotAvailable: () =>
		new GraphError(400, {
			message: 'THREADS_API__FEATURE_NOT_AVAILABLE: This user does not have access to this Threads API feature.',
			type: THREADS,
			code: 10,
			error_user_title: 'Feature not available',
			error_user_msg: 'This user does not have access to this Threads API feature.',
		}),

	param: (message: string, subcode?: number) =>
		new GraphError(400, { message: `(#100) ${message}`, type: THREADS, code: 100, ...(subcode ? { error_subcode: subcode } : {}) }),
	/** What Meta answers for ids that do not exist or that this token may not read. */
	unsupportedRequest: (method: string, id: string) =>
		new GraphError(400, {
			message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
			type: THREADS,
			code: 100,
			error_subcode: 33,
		}),
	nonexistingField: (field: string, nodeType: string) => errors.param(`Tried accessing nonexisting field (${field}) on node type (${nodeType})`),
	unknownPath: (path: string) => new GraphError(400, { message: `Unknown path components: ${path}`, type: OAUTH, code: 2500 }),

	appRateLimit: (status = 400, retryAfterSec?: number) =>
		new GraphError(
			status,
			{ message: '(#4) Application request limit reached', type: OAUTH, code: 4, is_transient: true },
			retryAfterSec !== undefined ? { 'Retry-After': String(retryAfterSec) } : {},
		),
	/** Per-user budgets (profile discovery's 1,000 calls per rolling 24 h) use code 17. */
	userRateLimit: () => new GraphError(400, { message: '(#17) User request limit reached', type: OAUTH, code: 17, is_transient: true }),
	serverError: (status = 500) => new GraphError(status, { message: 'An unknown error occurred', type: OAUTH, code: 1, is_transient: true }),
	/** Graph's other documented transient error: code 2. */
	serviceUnavailable: (status = 503) => new GraphError(status, { message: 'Service temporarily unavailable', type: OAUTH, code: 2, is_transient: true }),
	/** Meta echoes the token it could not parse back in the message (so clients must redact it). */
	malformedToken: (token: string | undefined) => tokenError(`Malformed access token${token ? ` ${token}` : ''}`),

	// OAuth endpoints (token exchange) use Facebook's long-standing messages.
	invalidClientId: () => new GraphError(400, { message: 'Error validating application. Invalid application ID.', type: OAUTH, code: 101 }),
	invalidClientSecret: () => new GraphError(400, { message: 'Error validating client secret.', type: OAUTH, code: 1 }),
	oauthParam: (message: string, subcode?: number) =>
		new GraphError(400, { message, type: OAUTH, code: 100, ...(subcode ? { error_subcode: subcode } : {}) }),

	/** Endpoints that exist on Meta's side but that this simulator does not model. */
	notModelled: (what: string) =>
		new GraphError(501, { message: `Threads simulator: ${what} is not modelled`, type: 'SimulatorException', code: 1 }),
};
