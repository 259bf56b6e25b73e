import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { GraphPage } from '../../shared/graph/cursorPaging';
import { afterCursorOf } from '../../shared/graph/cursorPaging';
import { DEFAULT_BACKOFF } from '../../shared/graph/backoff';
import { graphGet } from '../../shared/graph/transport';
import { INSTAGRAM_LOGIN_PATHS, PAGES_SCOPE } from '../instagramApi';

type PagesPage = GraphPage<{ id: string; name?: string; instagram_business_account?: { id?: string; username?: string } }>;

/**
 * "From List" for the Instagram account on Facebook Login: the Pages the token sees with a
 * linked Instagram account (`/me/accounts`), searchable by Page name or username.
 */
export async function searchInstagramAccounts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const path = INSTAGRAM_LOGIN_PATHS.facebookLogin;
	const page = await graphGet<PagesPage>(
		this,
		'/me/accounts',
		{ fields: 'id,name,instagram_business_account{id,username}', limit: 100, ...(paginationToken ? { after: paginationToken } : {}) },
		{ baseURL: path.baseUrl, credentialType: path.credentialType, credentialName: path.credentialName, requiredScope: PAGES_SCOPE, shape: 'posts', backoff: DEFAULT_BACKOFF },
	);
	const needle = filter?.trim().toLowerCase().replace(/^@/, '');
	const linked = (page.data ?? []).filter((entry) => entry.instagram_business_account?.id);
	const matching = linked.filter((entry) => !needle || `${entry.name ?? ''} ${entry.instagram_business_account?.username ?? ''}`.toLowerCase().includes(needle));
	return {
		results: matching.map((entry) => {
			const account = entry.instagram_business_account ?? {};
			return {
				name: `@${account.username ?? account.id} · ${entry.name ?? entry.id}`,
				value: String(account.id),
				url: account.username ? `https://www.instagram.com/${account.username}/` : undefined,
			};
		}),
		paginationToken: page.data?.length ? afterCursorOf(page) : undefined,
	};
}
