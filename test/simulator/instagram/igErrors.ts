/**
 * Instagram-specific error bodies, in the same Meta shape as ../errors.ts (whose
 * GraphError and token/permission/rate errors are reused as they are). Instagram Graph
 * errors use type OAuthException for parameter errors too.
 */
import { GraphError } from '../errors';

const OAUTH = 'OAuthException';

export const igErrors = {
	param: (message: string, subcode?: number) =>
		new GraphError(400, { message: `(#100) ${message}`, type: OAUTH, code: 100, ...(subcode ? { error_subcode: subcode } : {}) }),
	/** Meta's documented 2108006 body: media posted before the account became a business account. */
	beforeBusinessConversion: () =>
		new GraphError(400, {
			message: '(#100) Media posted before business account conversion',
			type: OAUTH,
			code: 100,
			error_subcode: 2108006,
			error_user_title: 'Media Posted Before Business Account Conversion',
			error_user_msg: "The media was posted before the most recent time that the user's account was converted to a business account from a personal account.",
		}),
	notEnoughViewers: () =>
		new GraphError(400, {
			message: '(#10) Not enough viewers for the media to show insights',
			type: OAUTH,
			code: 10,
			error_user_title: 'Not enough viewers',
			error_user_msg: 'Insights are only available for stories seen by at least 5 people.',
		}),
	/** Code 80002: the Instagram per-account rate limit (Business Use Case). */
	igRateLimit: (status = 400, retryAfterSec?: number) =>
		new GraphError(
			status,
			{ message: '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.', type: OAUTH, code: 80002, is_transient: true },
			retryAfterSec !== undefined ? { 'Retry-After': String(retryAfterSec) } : {},
		),
	/** 80002 with the Business Use Case header spent: access returns after `minutes` (estimated_time_to_regain_access). */
	igRateLimitUntil: (minutes: number) =>
		new GraphError(
			400,
			{ message: '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.', type: OAUTH, code: 80002, is_transient: true },
			{ 'X-Business-Use-Case-Usage': JSON.stringify({ simulated: [{ type: 'instagram', call_count: 100, total_cputime: 40, total_time: 60, estimated_time_to_regain_access: minutes }] }) },
		),
	notModelled: (what: string) => new GraphError(501, { message: `Instagram simulator: ${what} is not modelled`, type: 'SimulatorException', code: 1 }),
};

/** Re-type errors built by the shared Threads helpers (THApiException) as Instagram's OAuthException. */
export function asInstagramError(e: GraphError): GraphError {
	return e.fields.type === 'THApiException' ? new GraphError(e.status, { ...e.fields, type: OAUTH }, e.headers) : e;
}
