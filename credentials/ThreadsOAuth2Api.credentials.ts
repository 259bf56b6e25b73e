import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { THREADS_API_BASE_URL } from '../nodes/Threads/threadsApi';

/**
 * Threads' authorization code flow. Meta's token endpoint wants client id/secret as form
 * fields (authentication: body) and comma-separated scopes; the token it returns lives one
 * hour and comes without a refresh token.
 *
 * Field order in n8n's dialog: n8n lists the parent's (oAuth2Api) properties first, a child
 * property that has a parent property's name taking that property's place, and appends the
 * child's other properties after them (and after the Allowed Domains fields n8n adds). So the
 * one-hour notice takes the place of oAuth2Api's `serverUrl` (the server of dynamic client
 * registration, which this credential never uses: its `useDynamicClientRegistration` stays
 * false): the first field shown. n8n's own OAuth2 credentials order fields the same way
 * (oAuth2Api's "ordering anchors").
 */
export class ThreadsOAuth2Api implements ICredentialType {
	name = 'threadsOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Threads OAuth2 API';

	documentationUrl = 'https://github.com/n8n-nodes-threads-insights/n8n-nodes-threads-insights#threads-oauth2-api-connect';

	icon: Icon = { light: 'file:../icons/threads.svg', dark: 'file:../icons/threads.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName:
				'Tokens from Connect last one hour: Meta issues no refresh token, and n8n can only renew OAuth2 tokens with one, so scheduled workflows stop working after an hour. For schedules and the Threads Trigger use the "Threads Self-Renewing Token API" credential instead.',
			name: 'serverUrl',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://threads.net/oauth/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://graph.threads.net/oauth/access_token',
		},
		{
			displayName: 'Threads App ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: 'Your Meta app’s Threads App ID (App dashboard → Use cases → Threads API → Settings)',
		},
		{
			displayName: 'Threads App Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your Meta app’s Threads App Secret, from the same settings page as the Threads App ID',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'threads_basic,threads_manage_insights,threads_profile_discovery,threads_read_replies,threads_manage_mentions,threads_keyword_search',
			description:
				'Comma-separated Threads permissions. threads_basic is always needed; threads_manage_insights for insights; threads_profile_discovery for public profiles; threads_read_replies for replies and conversations; threads_manage_mentions for mentions; threads_keyword_search for keyword search.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: THREADS_API_BASE_URL,
			url: '/me',
			qs: { fields: 'id,username' },
		},
	};
}
