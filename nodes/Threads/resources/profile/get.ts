import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { throwOnThreadsError, usernameOf } from '../../shared/context';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';

const showFor = { resource: ['profile'], operation: ['get'] };

/** The columns of the competitor-tracking row, in the order a sheet shows them. */
const PROFILE_COLUMNS = [
	'username',
	'name',
	'follower_count',
	'views_count',
	'likes_count',
	'replies_count',
	'reposts_count',
	'quotes_count',
	'is_verified',
	'biography',
	'profile_picture_url',
];

export async function setProfileUsername(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	requestOptions.qs = { ...requestOptions.qs, username: usernameOf(this) };
	return requestOptions;
}

async function profileRow(this: IExecuteSingleFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (!this.getNodeParameter('simplify', true)) return items;
	return items.map((item) => {
		const row: Record<string, unknown> = {};
		for (const column of PROFILE_COLUMNS) row[column] = item.json[column] ?? null;
		return { json: row as INodeExecutionData['json'] };
	});
}

export const getProfileRouting = {
	request: { method: 'GET' as const, url: '/profile_lookup' },
	send: { preSend: [setProfileUsername] },
	output: { postReceive: [throwOnThreadsError, profileRow] },
};

export const getProfileFields: INodeProperties[] = [
	simplifyParameter({ show: showFor }, 'one row with the follower count and the 7-day counts'),
];
