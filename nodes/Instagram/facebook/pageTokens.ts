/**
 * Facebook Login tokens for Instagram, as pure pieces the credential uses:
 * - a user token is exchanged for a long-lived one (`fb_exchange_token`, with the App
 *   Secret, about 60 days);
 * - the Page tokens read with a long-lived user token do not expire (Meta's "Long-Lived
 *   Access Tokens" page), so requests for an account are signed with its Page's token and
 *   keep working after the user token has run out;
 * - which account a request is for travels in one query parameter the credential removes.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/** Set by the node on every request for a chosen account; removed by the credential before sending. */
export const SIGN_AS_ACCOUNT_PARAM = 'sign_as_instagram_account';

/** What the credential keeps per linked Instagram account (the key holding the token is named so the transport redacts it). */
export interface LinkedAccount extends IDataObject {
	access_token: string;
	page_id: string;
	page_name: string;
	username: string;
}

export type LinkedAccounts = Record<string, LinkedAccount>;

/** One page of `/me/accounts?fields=id,name,access_token,instagram_business_account{id,username}`. */
export interface PagesAnswer {
	data?: Array<{ id?: string; name?: string; access_token?: string; instagram_business_account?: { id?: string; username?: string } }>;
	paging?: { cursors?: { after?: string }; next?: string };
}

export const PAGES_FIELDS = 'id,name,access_token,instagram_business_account{id,username}';

/** The Pages with a linked Instagram account, keyed by that account's ID. */
export function linkedAccountsOf(pages: PagesAnswer['data']): LinkedAccounts {
	const linked: LinkedAccounts = {};
	for (const page of pages ?? []) {
		const account = page.instagram_business_account;
		if (!account?.id || !page.access_token) continue;
		linked[String(account.id)] = { access_token: page.access_token, page_id: String(page.id ?? ''), page_name: String(page.name ?? ''), username: String(account.username ?? '') };
	}
	return linked;
}

/** The request signed for the account it names (its Page token), or with the user token; the naming parameter removed. */
export function signForAccount(
	credentials: { liveToken?: unknown; accessToken?: unknown; pageTokens?: unknown },
	requestOptions: IHttpRequestOptions,
): IHttpRequestOptions {
	const qs = { ...(requestOptions.qs ?? {}) } as IDataObject;
	const accountId = qs[SIGN_AS_ACCOUNT_PARAM];
	delete qs[SIGN_AS_ACCOUNT_PARAM];
	const linked = (credentials.pageTokens ?? {}) as LinkedAccounts;
	const pageToken = typeof accountId === 'string' ? linked[accountId]?.access_token : undefined;
	const token = String(pageToken || credentials.liveToken || credentials.accessToken || '');
	return { ...requestOptions, qs, headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` } };
}
