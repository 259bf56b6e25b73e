/**
 * "Get Token Status": who the credential's token belongs to and when it expires, as one row.
 * n8n's credential dialog cannot show it (after a successful test it shows only "tested
 * successfully", never the test's message), so the nodes offer it as an operation: a weekly
 * workflow can warn before anything stops.
 */
import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import type { GraphPlatform } from '../graph/pooledGraphRequest';
import { pooledGraphGet } from '../graph/pooledGraphRequest';
import type { LiveTokenTimes } from './tokenLifecycle';
import { tokenStatusOf } from './tokenLifecycle';

/** What the self-renewing credential stored at its last renewal; undefined for other credentials. */
function storedTimesOf(credentials: IDataObject): LiveTokenTimes | undefined {
	const issuedAt = Number(credentials.issuedAt);
	return issuedAt ? { issuedAt, expiresAt: Number(credentials.expiresAt) || 0 } : undefined;
}

/**
 * The operation's routing. Asking `/me` first proves the token works and lets n8n renew it
 * if it is due, so the dates read afterwards are the ones the next run will use.
 */
export function tokenStatusRouting(platform: GraphPlatform, meFields: string) {
	async function getTokenStatus(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
		const me = await pooledGraphGet<IDataObject>(this, platform, '/me', { fields: meFields });
		const credentials = await this.getCredentials(platform.credentialTypeOf(this));
		return [
			{
				json: {
					user_id: me.user_id ?? me.id ?? null,
					username: me.username ?? null,
					...tokenStatusOf(storedTimesOf(credentials), Date.now()),
				},
			},
		];
	}
	return {
		request: { method: 'GET' as const, url: '=/' },
		send: { paginate: true },
		operations: { pagination: getTokenStatus },
	};
}

export const TOKEN_STATUS_DESCRIPTION =
	'Who the token belongs to, when it expires and when it renews itself: for a check that warns before anything stops';
