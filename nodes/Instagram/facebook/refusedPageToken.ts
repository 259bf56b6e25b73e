/**
 * A refused Page token is read again from the Pages, once per execution or poll.
 *
 * The transport sends with `ignoreHttpStatusErrors` (it maps Meta's errors itself), so n8n never
 * sees a refused token and never runs the credential's `preAuthentication` again: a Page token
 * Meta stopped accepting (the user changed their password, the Page's access was changed)
 * would be sent again and again. So when a request naming an account (signed with its Page
 * token) is answered with code 190, it is sent once more the way n8n re-authenticates: as an
 * error n8n sees (HTTP 400/401), so n8n runs `preAuthentication` (the Pages read again with the
 * long-lived user token, saved into the credential) and sends the request with the new token.
 * Requests refused meanwhile or later wait for that and are sent again once, unless it failed.
 * Whatever that attempt throws is dropped (its request holds the token): the request is then
 * sent again as before, and its answer (a refused token: "paste and save the token again") is
 * the one mapped.
 *
 * n8n 1.x re-authenticates on HTTP 401 only; Meta answers code 190 with 400, so there the
 * credential has to be saved again.
 */
import type { IAdditionalCredentialOptions, IHttpRequestOptions } from 'n8n-workflow';

import { graphErrorOf } from '../../shared/graph/graphErrors';
import { SIGN_AS_ACCOUNT_PARAM } from './pageTokens';

type SendWithAuthentication = (credentialsType: string, requestOptions: IHttpRequestOptions, additionalCredentialOptions?: IAdditionalCredentialOptions) => Promise<unknown>;

interface WithAuthenticatedRequests {
	helpers: { httpRequestWithAuthentication(this: unknown, ...args: Parameters<SendWithAuthentication>): Promise<unknown> };
}

/** The HTTP statuses Meta answers a refused token with. */
const REFUSED_TOKEN_STATUSES = [400, 401];

/** A refused token (code 190) on a request signed for an account (its Page token). */
function pageTokenRefused(response: unknown, options: IHttpRequestOptions): boolean {
	if (!options.qs || (options.qs as Record<string, unknown>)[SIGN_AS_ACCOUNT_PARAM] === undefined) return false;
	const body = (response as { body?: unknown } | undefined)?.body;
	return Number(graphErrorOf(body)?.code) === 190;
}

/**
 * The context, with its authenticated requests re-reading the Page tokens once when one is refused.
 * Everything else is the context's own.
 */
export function readoptingRefusedPageTokens<Context extends WithAuthenticatedRequests>(context: Context): Context {
	const send: SendWithAuthentication = async (type, options, additional) => await context.helpers.httpRequestWithAuthentication.call(context, type, options, additional);
	let readoption: Promise<unknown> | undefined;
	const httpRequestWithAuthentication: SendWithAuthentication = async (type, options, additional) => {
		const response = await send(type, options, additional);
		if (!pageTokenRefused(response, options)) return response;
		if (readoption) {
			// The Pages were (or are being) read again: this request goes again with what that saved, unless that failed.
			return (await readoption) === undefined ? response : await send(type, options, additional);
		}
		readoption = send(type, { ...options, ignoreHttpStatusErrors: false }, { ...additional, preAuthenticationRetryStatusCode: REFUSED_TOKEN_STATUSES }).catch(() => undefined);
		const renewed = await readoption;
		return renewed ?? (await send(type, options, additional));
	};
	const helpers = new Proxy(context.helpers, {
		get: (target, name) => (name === 'httpRequestWithAuthentication' ? httpRequestWithAuthentication : Reflect.get(target, name, target)),
	});
	return new Proxy(context, {
		get: (target, name) => {
			if (name === 'helpers') return helpers;
			const value = Reflect.get(target, name, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
