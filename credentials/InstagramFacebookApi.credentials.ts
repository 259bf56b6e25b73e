import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { FACEBOOK_GRAPH_BASE_URL } from '../nodes/Instagram/instagramApi';
import { adoptFacebookToken } from '../nodes/Instagram/facebook/adoptFacebookToken';
import { signForAccount } from '../nodes/Instagram/facebook/pageTokens';

/**
 * Instagram professional accounts linked to Facebook Pages (Facebook Login, graph.facebook.com).
 * The pasted user token is exchanged for a long-lived one (with the App ID and Secret) and
 * the Page tokens read with it are kept: they do not expire, so requests for an account are
 * signed with its Page's token and keep working without anyone pasting a new token.
 */
export class InstagramFacebookApi implements ICredentialType {
	name = 'instagramFacebookApi';

	displayName = 'Instagram (Facebook Login) API';

	documentationUrl = 'https://github.com/n8n-nodes-threads-insights/n8n-nodes-threads-insights#instagram-insights-accounts-linked-to-a-facebook-page-facebook-login';

	icon: Icon = { light: 'file:../icons/instagram.svg', dark: 'file:../icons/instagram.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName:
				'For Instagram professional accounts connected to a Facebook Page. The token needs instagram_basic, instagram_manage_insights, pages_read_engagement and pages_show_list. With the App ID and Secret, it is exchanged for a long-lived token and the Page tokens read with it never expire.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'User Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'A Facebook user token of your Meta app (Graph API Explorer → Generate Access Token), or a Page token',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description: 'Your Meta app’s ID (App settings → Basic). With the App Secret, a short-lived token is exchanged for a long-lived one.',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Your Meta app’s App Secret (App settings → Basic)',
		},
		{ displayName: 'Adoption Gate', name: 'renewalGate', type: 'hidden', typeOptions: { expirable: true }, default: '' },
		{ displayName: 'Live Token', name: 'liveToken', type: 'hidden', typeOptions: { password: true }, default: '' },
		{ displayName: 'Issued At', name: 'issuedAt', type: 'hidden', default: 0 },
		{ displayName: 'Expires At', name: 'expiresAt', type: 'hidden', default: 0 },
		{ displayName: 'Pasted Fingerprint', name: 'pastedFingerprint', type: 'hidden', default: '' },
		{ displayName: 'Page Tokens', name: 'pageTokens', type: 'hidden', typeOptions: { password: true }, default: {} },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await adoptFacebookToken(this, credentials);
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return signForAccount(credentials, requestOptions);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: FACEBOOK_GRAPH_BASE_URL,
			url: '/me',
			qs: { fields: 'id,name' },
		},
	};
}
