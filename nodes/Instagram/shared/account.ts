/**
 * Which Instagram account an item's requests are about, on either login path, and the client
 * that sends them: Instagram Login's token is the account (`/me`); a Facebook Login token sees
 * Pages, so the account is chosen on the node and its ID is in every path.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { GraphClient, GraphGetRequest } from '../../shared/graph/pooledGraphRequest';
import type { ItemInput } from '../../shared/parameters/nodeInput';
import { inputError } from '../../shared/parameters/nodeInput';
import type { InstagramLoginPath } from '../instagramApi';
import { loginPathOf } from '../instagramApi';
import { SIGN_AS_ACCOUNT_PARAM } from '../facebook/pageTokens';

export interface InstagramAccountRef {
	path: InstagramLoginPath;
	/** The account's node in a Graph path: `/me` or `/{ig-user-id}`. */
	node: string;
	/** The chosen account's ID (Facebook Login only). */
	id?: string;
}

export const ACCOUNT_PARAMETER = 'instagramAccount';

/** The login path and, on Facebook Login, the chosen account; refused before any request when it is not an ID. */
export function instagramAccountOf(input: ItemInput): InstagramAccountRef {
	const path = loginPathOf(input.parameter<unknown>('authentication', 'instagramLogin'));
	if (!path.accountChosen) return { path, node: '/me' };
	const raw = String(input.parameter<unknown>(ACCOUNT_PARAMETER, '', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(raw)) {
		throw inputError(
			input,
			raw ? `"Instagram Account" must be an Instagram account ID (digits only), not "${raw.slice(0, 60)}"` : '"Instagram Account" is empty',
			'Pick the account from the list (the Pages your Facebook token sees and their linked Instagram accounts), or enter its ID (the instagram_business_account id of your Page, e.g. 17841400000000001).',
		);
	}
	return { path, node: `/${raw}`, id: raw };
}

/**
 * The execution's client for one account: on Facebook Login every request carries the
 * account, so the credential signs it with that account's Page token (which does not expire).
 * The credential removes the parameter before the request leaves.
 */
export function accountClient(graph: GraphClient, account: InstagramAccountRef): GraphClient {
	if (!account.id) return graph;
	const signed = (qs: IDataObject): IDataObject => ({ ...qs, [SIGN_AS_ACCOUNT_PARAM]: account.id });
	return {
		...graph,
		get: async <T>(path: string, qs: IDataObject, request?: GraphGetRequest) => await graph.get<T>(path, signed(qs), request),
		getOnce: async <T>(path: string, qs: IDataObject, request?: GraphGetRequest) => await graph.getOnce<T>(path, signed(qs), request),
	};
}

export function authenticationParameter(): INodeProperties {
	return {
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		default: 'instagramLogin',
		description: 'How your Instagram professional account is reached: its own Instagram login, or the Facebook Page it is linked to',
		options: [
			{
				name: 'Instagram Login',
				value: 'instagramLogin',
				description: 'A professional account’s own token (graph.instagram.com), renewed by the credential',
			},
			{
				name: 'Facebook Login (Account Linked to a Page)',
				value: 'facebookLogin',
				description: 'Accounts connected to a Facebook Page, e.g. through Meta Business Suite (graph.facebook.com)',
			},
		],
	};
}

/** The account picker of Facebook Login: from the list the token sees, or by ID. */
export function instagramAccountParameter(): INodeProperties {
	return {
		displayName: 'Instagram Account',
		name: ACCOUNT_PARAMETER,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Instagram professional account linked to one of your Facebook Pages',
		displayOptions: { show: { authentication: ['facebookLogin'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchInstagramAccounts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 17841400000000001',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: '"Instagram Account" must be an Instagram account ID (digits only): pick the account from the list, or enter its ID' } }],
			},
		],
	};
}
