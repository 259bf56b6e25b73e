import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { TOKEN_STATUS_DESCRIPTION, tokenStatusOperation } from '../../../shared/tokens/tokenStatus';
import { accountClient, instagramAccountOf } from '../../shared/account';
import { getAccountInsights, getAccountInsightsFields } from './getInsights';

const instagramLoginTokenStatus = tokenStatusOperation('user_id,username');

/**
 * Facebook Login: the account the node reads and what signs its requests. A Page token read
 * with a long-lived user token does not expire, so there is nothing to renew.
 */
const facebookLoginTokenStatus: Operation = (input) => {
	const account = instagramAccountOf(input);
	return async (pooled, abandon) => {
		const me = await accountClient(pooled, account).get(account.node, { fields: 'id,username' }, { shape: 'node', abandon });
		const credentials = await pooled.credentials();
		const linked = ((credentials.pageTokens ?? {}) as Record<string, { page_name?: string }>)[account.id ?? ''];
		const expiresAt = Number(credentials.expiresAt) || 0;
		return [
			{
				user_id: me.id ?? null,
				username: me.username ?? null,
				page_name: linked?.page_name ?? null,
				signed_with: linked ? 'page_token' : 'user_token',
				token_expires_at: linked || !expiresAt ? null : new Date(expiresAt).toISOString(),
				renewal: linked ? 'not_needed' : expiresAt ? 'paste_a_new_token_before_expiry' : 'unknown',
			},
		];
	};
};

const getTokenStatus: Operation = (input) =>
	instagramAccountOf(input).path.accountChosen ? facebookLoginTokenStatus(input) : instagramLoginTokenStatus(input);

export const accountImplementations = { getInsights: getAccountInsights, getTokenStatus };

export const accountOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		default: 'getInsights',
		options: [
			{
				name: 'Get Insights',
				value: 'getInsights',
				action: 'Get account insights',
				description: 'Views, reach, interactions, follows with their breakdowns, daily reach, or audience demographics',
			},
			{
				name: 'Get Token Status',
				value: 'getTokenStatus',
				action: 'Get token status',
				description: TOKEN_STATUS_DESCRIPTION,
			},
		],
	},
	...getAccountInsightsFields,
];
