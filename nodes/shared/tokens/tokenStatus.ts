/**
 * "Get Token Status": who the credential's token belongs to and when it expires, as one row.
 * n8n's credential dialog cannot show it (after a successful test it shows only "tested
 * successfully", never the test's message), so the nodes offer it as an operation: a weekly
 * workflow can warn before anything stops.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../graph/runOperations';
import type { LiveTokenTimes } from './tokenLifecycle';
import { tokenStatusOf } from './tokenLifecycle';

/** What the self-renewing credential stored at its last renewal; undefined for other credentials. */
function storedTimesOf(credentials: IDataObject): LiveTokenTimes | undefined {
	const issuedAt = Number(credentials.issuedAt);
	return issuedAt ? { issuedAt, expiresAt: Number(credentials.expiresAt) || 0 } : undefined;
}

/**
 * Asking `/me` first proves the token works and lets n8n renew it if it is due, so the dates
 * read afterwards are the ones the next run will use.
 */
export function tokenStatusOperation(meFields: string): Operation {
	return () => async (graph, abandon) => {
		const me = await graph.get<IDataObject>('/me', { fields: meFields }, { shape: 'node', abandon });
		const credentials = await graph.credentials();
		return [
			{
				user_id: me.user_id ?? me.id ?? null,
				username: me.username ?? null,
				...tokenStatusOf(storedTimesOf(credentials), Date.now()),
			},
		];
	};
}

export const TOKEN_STATUS_DESCRIPTION =
	'Who the token belongs to, when it expires and when it renews itself: for a check that warns before anything stops';
