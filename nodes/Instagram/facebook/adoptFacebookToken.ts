/**
 * The Facebook Login credential's first use (n8n runs it as the credential's
 * `preAuthentication`: when it was never used, when its test runs, after a refused token):
 * a newly pasted user token is exchanged for a long-lived one when the App ID and Secret are
 * given, then the Pages it sees are read with their tokens. Nothing from a request is ever
 * put into an error: only Meta's own message, with every secret removed.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import { walkPages } from '../../shared/graph/cursorPaging';
import { graphErrorOf, redactSecrets } from '../../shared/graph/graphErrors';
import { tokenFingerprint } from '../../shared/tokens/tokenLifecycle';
import { FACEBOOK_GRAPH_BASE_URL } from '../instagramApi';
import type { LinkedAccounts, PagesAnswer } from './pageTokens';
import { linkedAccountsOf, PAGES_FIELDS } from './pageTokens';

/** Never renewed by date: Page tokens do not expire; a new paste or a refused token starts adoption again. */
const ADOPTED = 'valid';
const TOKEN_ENDPOINT_TIMEOUT_MS = 20_000;
/** Requests for the Pages per adoption (up to 100 Pages per page of Meta's answer). */
const MAX_PAGE_REQUESTS = 20;
const PAGE_SIZE = 100;

export class FacebookTokenError extends Error {}

interface Answer {
	statusCode: number;
	body: IDataObject;
}

async function getJson(helpers: IHttpRequestHelper, path: string, qs: IDataObject, bearer?: string): Promise<Answer> {
	try {
		const response = (await helpers.helpers.httpRequest({
			method: 'GET',
			url: `${FACEBOOK_GRAPH_BASE_URL}${path}`,
			qs,
			headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
			json: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
			timeout: TOKEN_ENDPOINT_TIMEOUT_MS,
		})) as { statusCode: number; body: unknown };
		return { statusCode: response.statusCode, body: response.body && typeof response.body === 'object' ? (response.body as IDataObject) : {} };
	} catch {
		// The request details (URL with the secret) are dropped on purpose.
		return { statusCode: 503, body: { error: { message: 'Meta could not be reached' } } };
	}
}

function failed(answer: Answer): boolean {
	return answer.statusCode >= 400 || graphErrorOf(answer.body) !== undefined;
}

/** The fields n8n saves into the credential. */
export async function adoptFacebookToken(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, now = Date.now()): Promise<IDataObject> {
	const pasted = String(credentials.accessToken ?? '').trim();
	const appId = String(credentials.appId ?? '').trim();
	const appSecret = String(credentials.appSecret ?? '').trim();
	if (!pasted) throw new FacebookTokenError('The Instagram (Facebook Login) credential has no access token: paste a user token from Meta’s Graph API Explorer');
	const secrets = [pasted, appSecret, String(credentials.liveToken ?? '')].filter((secret) => secret.length >= 8);
	const stored = String(credentials.liveToken ?? '');
	const pastedIsNew = !stored || credentials.pastedFingerprint !== tokenFingerprint(pasted);

	let liveToken = stored;
	let issuedAt = Number(credentials.issuedAt) || now;
	let expiresAt = Number(credentials.expiresAt) || 0;
	if (pastedIsNew) {
		liveToken = pasted;
		issuedAt = now;
		expiresAt = 0;
		if (appId && appSecret) {
			const answer = await getJson(helpers, '/oauth/access_token', { grant_type: 'fb_exchange_token', client_id: appId, client_secret: appSecret, fb_exchange_token: pasted });
			if (failed(answer) || typeof answer.body.access_token !== 'string') {
				const says = redactSecrets(graphErrorOf(answer.body)?.message ?? `HTTP ${answer.statusCode}`, secrets);
				throw new FacebookTokenError(
					`Meta refused to exchange the Facebook token for a long-lived one: check the App ID and App Secret, or paste a fresh token (short-lived tokens expire after one hour). Meta says: ${says}`,
				);
			}
			liveToken = answer.body.access_token;
			expiresAt = Number(answer.body.expires_in) > 0 ? now + Number(answer.body.expires_in) * 1000 : 0;
		}
	}
	const linkedAccounts = (await linkedAccountsSeenBy(helpers, liveToken)) ?? (pastedIsNew ? {} : ((credentials.pageTokens ?? {}) as LinkedAccounts));
	return { renewalGate: ADOPTED, liveToken, issuedAt, expiresAt, pastedFingerprint: tokenFingerprint(pasted), pageTokens: linkedAccounts };
}

/**
 * The Pages the user token sees with a linked Instagram account, and their tokens; undefined
 * when Meta does not list them (a Page token was pasted, or pages_show_list is missing): the
 * token itself then signs every request. Paged as every Graph list (walkPages): an empty page
 * with `next` leads on; a cursor Meta sends twice ends the list with the Pages read so far.
 */
async function linkedAccountsSeenBy(helpers: IHttpRequestHelper, userToken: string): Promise<LinkedAccounts | undefined> {
	const pages: NonNullable<PagesAnswer['data']> = [];
	let requests = 0;
	let refusedAt: number | undefined;
	try {
		await walkPages<NonNullable<PagesAnswer['data']>[number]>({
			qs: { fields: PAGES_FIELDS },
			limit: Number.POSITIVE_INFINITY,
			pageSizeMax: PAGE_SIZE,
			fetchPage: async (qs) => {
				requests++;
				const answer = await getJson(helpers, '/me/accounts', qs as IDataObject, userToken);
				if (!failed(answer)) return answer.body as PagesAnswer;
				// A refused page ends the list (an answer without `next`).
				refusedAt = requests;
				return { data: [] };
			},
			onPage: (data) => {
				pages.push(...data);
				return data.length;
			},
			stop: () => requests >= MAX_PAGE_REQUESTS,
			idOf: (page) => String(page.id ?? ''),
		});
	} catch {
		// A cursor or a page Meta sent twice (RepeatedCursorError, BrokenPagingError): the list ends there.
	}
	// Refused at once: the token lists no Pages. Refused later, or a looping list: the Pages read so far.
	if (refusedAt === 1) return undefined;
	return linkedAccountsOf(pages);
}
