/**
 * What the editor shows about the nodes and credentials: every field explained, the node
 * picker's texts, the triggers' named events and poll-cost notices, codex aliases and
 * categories, and documentation links that open an existing section of README.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import type {
	ICredentialType,
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, injectDomainRestrictionFields } from 'n8n-workflow';

import { InstagramApi } from '../../credentials/InstagramApi.credentials';
import { InstagramFacebookApi } from '../../credentials/InstagramFacebookApi.credentials';
import { ThreadsApi } from '../../credentials/ThreadsApi.credentials';
import { ThreadsOAuth2Api } from '../../credentials/ThreadsOAuth2Api.credentials';
import { Instagram } from '../../nodes/Instagram/Instagram.node';
import { InstagramTrigger } from '../../nodes/InstagramTrigger/InstagramTrigger.node';
import { Threads } from '../../nodes/Threads/Threads.node';
import { ThreadsTrigger } from '../../nodes/ThreadsTrigger/ThreadsTrigger.node';

const ROOT = path.join(__dirname, '..', '..');
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	repository: { url: string };
};
/** The repository's GitHub page, where README.md is rendered with its heading anchors. */
const REPO_PAGE = packageJson.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** Folder name → node, as n8n loads them (the codex file sits next to the node file). */
const NODES: Record<string, INodeType> = {
	Threads: new Threads(),
	ThreadsTrigger: new ThreadsTrigger(),
	Instagram: new Instagram(),
	InstagramTrigger: new InstagramTrigger(),
};
const TRIGGERS = ['ThreadsTrigger', 'InstagramTrigger'];
const descriptionOf = (folder: string): INodeTypeDescription => NODES[folder].description;

// ---------------------------------------------------------------------------------------------
// README anchors, as GitHub makes them (github-slugger): lower case, punctuation removed except
// "-" and "_", each space a "-", a repeated heading gets -1, -2, ...

function slugOf(heading: string): string {
	return heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link counts with its text
		.replace(/<[^>]+>/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
		.replace(/ /g, '-');
}

function readmeAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const slug = slugOf(heading[1]);
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count ? `${slug}-${count}` : slug);
	}
	return anchors;
}

const README_ANCHORS = readmeAnchors(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));

/** The anchor of a link into README.md on GitHub; fails for any other link. */
function readmeAnchorOf(url: string | undefined): string {
	const match = new RegExp(`^${REPO_PAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#([\\w-]+)$`).exec(url ?? '');
	if (!match) throw new Error(`${url} is not a link to a section of ${REPO_PAGE}'s README`);
	return match[1];
}

describe('README anchors (GitHub slugs)', () => {
	it.each([
		['Threads OAuth2 API ("Connect")', 'threads-oauth2-api-connect'],
		['Threads Self-Renewing Token API (recommended)', 'threads-self-renewing-token-api-recommended'],
		['Instagram Insights (professional accounts, Instagram Login)', 'instagram-insights-professional-accounts-instagram-login'],
		['Threads Trigger: alerts when a number crosses a line', 'threads-trigger-alerts-when-a-number-crosses-a-line'],
		['`npm run demo` and [docs](https://x.y)', 'npm-run-demo-and-docs'],
	])('%s → #%s', (heading, slug) => {
		expect(slugOf(heading)).toBe(slug);
	});

	it('repeated headings get -1, -2', () => {
		expect([...readmeAnchors('# A\n## A\n```\n# A\n```\n### A')]).toEqual(['a', 'a-1', 'a-2']);
	});
});

// ---------------------------------------------------------------------------------------------
// Every field explained.

/**
 * Fields without a description, at any depth. Exempt, as n8n's own nodes do it:
 * - notices: their text is their label (it must not be empty);
 * - hidden fields: never shown;
 * - collections ("Options", "Row Options"): the editor shows their "Add Option" placeholder;
 *   every option inside must be described;
 * - the Resource and Operation selectors: described per option (the node picker lists those
 *   texts), so every option must have a description.
 */
function undescribed(properties: INodeProperties[], where: string): string[] {
	const missing: string[] = [];
	for (const property of properties) {
		const at = `${where} → ${property.displayName} (${property.name})`;
		if (property.type === 'notice') {
			if (!property.displayName.trim()) missing.push(`${at}: empty notice`);
		} else if (property.type === 'hidden') {
			continue;
		} else if (property.type === 'collection' || property.type === 'fixedCollection') {
			for (const option of property.options ?? []) {
				if ('values' in option) missing.push(...undescribed((option as INodePropertyCollection).values, `${at} → ${option.displayName}`));
				else missing.push(...undescribed([option as INodeProperties], at));
			}
		} else if (property.type === 'options' && ['resource', 'operation'].includes(property.name)) {
			for (const option of (property.options ?? []) as INodePropertyOptions[]) {
				if (!option.description?.trim()) missing.push(`${at} → option "${option.name}"`);
			}
		} else if (!property.description?.trim()) {
			missing.push(at);
		}
	}
	return missing;
}

describe('every field is explained', () => {
	it.each(Object.keys(NODES))('%s', (folder) => {
		const { properties } = descriptionOf(folder);
		expect(properties.length).toBeGreaterThan(3);
		expect(undescribed(properties, folder)).toEqual([]);
	});

	it('the check finds an undescribed field, an undescribed option inside a collection and an empty notice', () => {
		const fields: INodeProperties[] = [
			{ displayName: 'A', name: 'a', type: 'string', default: '' },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [{ displayName: 'B', name: 'b', type: 'number', default: 0 }] },
			{ displayName: ' ', name: 'n', type: 'notice', default: '' },
			{ displayName: 'Operation', name: 'operation', type: 'options', default: 'x', options: [{ name: 'X', value: 'x' }] },
		];
		expect(undescribed(fields, 'T')).toEqual(['T → A (a)', 'T → Options (options) → B (b)', 'T →   (n): empty notice', 'T → Operation (operation) → option "X"']);
	});
});

// ---------------------------------------------------------------------------------------------
// The node picker.

describe('node picker', () => {
	it('each node has its own description', () => {
		const descriptions = Object.keys(NODES).map((folder) => descriptionOf(folder).description.trim());
		for (const text of descriptions) expect(text.length).toBeGreaterThan(20);
		expect(new Set(descriptions).size).toBe(descriptions.length);
	});

	it.each([
		['Threads', 'ThreadsTrigger'],
		['Instagram', 'InstagramTrigger'],
	])(
		'n8n 2.41 lists %s and %s as one entry showing the trigger’s description: it speaks for both',
		(node, trigger) => {
			expect(descriptionOf(trigger).name).toBe(`${descriptionOf(node).name}Trigger`);
			expect(descriptionOf(trigger).description).toMatch(/insights/i);
			expect(descriptionOf(trigger).description).toMatch(/crosses a threshold/);
		},
	);

	describe.each(TRIGGERS)('%s', (folder) => {
		const description = descriptionOf(folder);

		it('names its events: n8n lists the options of a field labelled "Trigger On" (or "Event") by their action', () => {
			// n8n 2.41 (editor's actions generator): without such a field the picker shows one
			// generic "On new <name> event".
			const events = description.properties.find((property) => ['event', 'events', 'trigger on'].includes(property.displayName.toLowerCase()));
			expect(events?.name).toBe('watch');
			const options = (events?.options ?? []) as INodePropertyOptions[];
			expect(options.length).toBeGreaterThan(1);
			// Threshold watches, and the Threads Trigger's "New Items".
			for (const option of options) expect(option.action).toMatch(option.value === 'newItems' ? /^On new .+$/ : /^On .+ crossing a threshold$/);
		});

		it('the canvas subtitle reads as the fields do', () => {
			const nodeTypes = { getByName: () => NODES[folder], getByNameAndVersion: () => NODES[folder], getKnownTypes: () => ({}) } as unknown as INodeTypes;
			const subtitleOf = (parameters: INodeParameters) => {
				const node: INode = { id: '1', name: 'Trigger', type: description.name, typeVersion: 1, position: [0, 0], parameters };
				const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
				return workflow.expression.getSimpleParameterValue(node, description.subtitle ?? '', 'internal', {});
			};
			const recent = (description.properties.find((property) => property.name === 'watch')?.options as INodePropertyOptions[]).at(-1);
			expect(subtitleOf({ watch: recent?.value ?? '', condition: 'above', threshold: 1000 })).toBe(`${recent?.name}: rises above 1000`);
			expect(subtitleOf({ watch: 'account', condition: 'milestone', milestoneEvery: 500 })).toBe('My Account: passes every 500');
		});

		it('says what it is waiting for', () => {
			expect(description.eventTriggerDescription).toMatch(/^Waiting for an? (Threads|Instagram) number to cross a threshold$/);
		});
	});
});

// ---------------------------------------------------------------------------------------------
// The trigger panel.

describe.each(TRIGGERS)('%s panel', (folder) => {
	const { properties } = descriptionOf(folder);
	const watch = properties.find((property) => property.name === 'watch') as INodeProperties;
	const leadingNotices = properties.slice(0, properties.findIndex((property) => property.type !== 'notice'));

	it('opens (right under n8n’s Poll Times) with one poll-cost notice per watch', () => {
		expect(leadingNotices.length).toBeGreaterThan(0);
		for (const option of watch.options as INodePropertyOptions[]) {
			const shown = leadingNotices.filter((notice) => NodeHelpers.displayParameter({ watch: option.value }, notice, { typeVersion: 1 }, null));
			expect(shown).toHaveLength(1);
			expect(shown[0].displayName).toMatch(/Each poll costs \d+ requests?/);
			expect(shown[0].displayName).toMatch(/every 15 minutes or less often/);
		}
	});

	it('the recent-posts notice counts list pages and one insights request per post', () => {
		const recent = (watch.options as INodePropertyOptions[]).find((option) => String(option.value).startsWith('recent'));
		const notice = leadingNotices.find((candidate) => NodeHelpers.displayParameter({ watch: recent?.value ?? '' }, candidate, { typeVersion: 1 }, null));
		expect(notice?.displayName).toMatch(/1 request per 100 .* listed plus 1 insights request per watched/);
	});
});

// ---------------------------------------------------------------------------------------------
// Threads User → Get Insights: Breakdown only with Follower Demographics.

describe('Threads User → Get Insights: Breakdown', () => {
	const { properties } = descriptionOf('Threads');
	const breakdown = properties.find((property) => property.name === 'breakdown') as INodeProperties;
	const shownWith = (metrics: string | string[]) =>
		NodeHelpers.displayParameter({ resource: 'user', operation: 'getInsights', metrics }, breakdown, { typeVersion: 1 }, null);

	it('is shown only when Follower Demographics is among the Metrics (or they come from an expression)', () => {
		expect(shownWith(['likes', 'views'])).toBe(false);
		expect(shownWith([])).toBe(false);
		expect(shownWith(['likes', 'follower_demographics'])).toBe(true);
		expect(shownWith('={{ $json.metrics }}')).toBe(true);
	});

	it('speaks of the field labels, not API names', () => {
		expect(breakdown.description).toMatch(/Follower Demographics/);
		expect(breakdown.description).not.toMatch(/follower_demographics/);
	});
});

// ---------------------------------------------------------------------------------------------
// Codex: categories, search aliases, documentation.

const codexOf = (folder: string) =>
	JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes', folder, `${folder}.node.json`), 'utf8')) as {
		node: string;
		categories: string[];
		subcategories?: Record<string, string[]>;
		alias: string[];
		resources: { primaryDocumentation: Array<{ url: string }>; credentialDocumentation: Array<{ url: string }> };
	};

describe.each(Object.keys(NODES))('%s codex', (folder) => {
	const codex = codexOf(folder);

	it('belongs to its node', () => {
		expect(codex.node).toBe(`${packageJson.name}.${descriptionOf(folder).name}`);
		// n8n reads the codex file only when the description has no codex of its own.
		expect(descriptionOf(folder).codex).toBeUndefined();
	});

	it('is found by "Meta", "analytics", "insights", "metrics", "followers" and its platform', () => {
		for (const alias of ['Meta', 'analytics', 'insights', 'metrics', 'followers', folder.replace('Trigger', '')]) {
			expect(codex.alias).toContain(alias);
		}
	});

	it('is in Analytics and Marketing', () => {
		expect(codex.categories).toEqual(expect.arrayContaining(['Analytics', 'Marketing']));
		for (const category of Object.keys(codex.subcategories ?? {})) expect(codex.categories).toContain(category);
	});

	it('documentation links open sections of the README', () => {
		const links = [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation].map((link) => link.url);
		// The node's Docs link: n8n appends "?utm_…" to a codex link, which would break its anchor,
		// and uses documentationUrl as it is.
		links.push(descriptionOf(folder).documentationUrl ?? '');
		expect(links.length).toBe(3);
		for (const link of links) expect(README_ANCHORS).toContain(readmeAnchorOf(link));
		expect(descriptionOf(folder).documentationUrl).toBe(codex.resources.primaryDocumentation[0].url);
	});
});

// ---------------------------------------------------------------------------------------------
// Credentials.

describe('credential documentation links open their README setup sections', () => {
	it.each<[string, ICredentialType, string]>([
		['Threads Self-Renewing Token API', new ThreadsApi(), 'threads-self-renewing-token-api-recommended'],
		['Threads OAuth2 API', new ThreadsOAuth2Api(), 'threads-oauth2-api-connect'],
		['Instagram Self-Renewing Token API', new InstagramApi(), 'instagram-insights-professional-accounts-instagram-login'],
		['Instagram (Facebook Login) API', new InstagramFacebookApi(), 'instagram-insights-accounts-linked-to-a-facebook-page-facebook-login'],
	])('%s', (_, credential, anchor) => {
		expect(readmeAnchorOf(credential.documentationUrl)).toBe(anchor);
		expect(README_ANCHORS).toContain(anchor);
	});

	it('the Threads codex points at "Connect your Threads account"', () => {
		expect(readmeAnchorOf(codexOf('Threads').resources.credentialDocumentation[0].url)).toBe('connect-your-threads-account');
	});
});

/**
 * oAuth2Api's properties in n8n 2.41 (n8n-nodes-base), as far as the dialog's order and
 * visibility go. When the pinned n8n is installed (e2e/n8n), its own class is used instead.
 */
const show = (values: Record<string, unknown[]>) => ({ displayOptions: { show: values } }) as Partial<INodeProperties>;
const OAUTH2_API_2_41: INodeProperties[] = [
	{ displayName: 'Use Dynamic Client Registration', name: 'useDynamicClientRegistration', type: 'hidden', default: false },
	{ displayName: 'Grant Type', name: 'grantType', type: 'options', default: 'authorizationCode', options: [], ...show({ useDynamicClientRegistration: [false] }) },
	{ displayName: 'Server URL', name: 'serverUrl', type: 'string', default: '', required: true, ...show({ useDynamicClientRegistration: [true] }) },
	{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '', ...show({ grantType: ['authorizationCode', 'pkce'], useDynamicClientRegistration: [false] }) },
	{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '', ...show({ useDynamicClientRegistration: [false] }) },
	{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', ...show({ useDynamicClientRegistration: [false] }) },
	{ displayName: 'Authentication', name: 'clientCredentialType', type: 'hidden', default: 'clientSecret' },
	{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', default: '', ...show({ useDynamicClientRegistration: [false] }) },
	{ displayName: 'Private Key', name: 'privateKey', type: 'hidden', default: '' },
	{ displayName: 'Certificate', name: 'certificate', type: 'hidden', default: '' },
	{ displayName: 'Scope', name: 'scope', type: 'string', default: '', ...show({ useDynamicClientRegistration: [false] }) },
	{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '', ...show({ grantType: ['authorizationCode', 'pkce'], useDynamicClientRegistration: [false] }) },
	{ displayName: 'Authentication', name: 'authentication', type: 'options', default: 'header', options: [], ...show({ useDynamicClientRegistration: [false] }) },
	{ displayName: 'Send Additional Body Properties', name: 'sendAdditionalBodyProperties', type: 'boolean', default: false, ...show({ grantType: ['clientCredentials'], authentication: ['body'], useDynamicClientRegistration: [false] }) },
	{ displayName: 'Additional Body Properties', name: 'additionalBodyProperties', type: 'json', default: '', ...show({ grantType: ['clientCredentials'], authentication: ['body'], sendAdditionalBodyProperties: [true], useDynamicClientRegistration: [false] }) },
	{ displayName: 'Ignore SSL Issues (Insecure)', name: 'ignoreSSLIssues', type: 'boolean', default: false, doNotInherit: true },
	{ displayName: 'Token Expired Status Code', name: 'tokenExpiredStatusCode', type: 'number', default: 401, doNotInherit: true },
];

function installedOAuth2Api(): ICredentialType | undefined {
	const file = path.join(ROOT, 'e2e', 'n8n', 'node_modules', 'n8n-nodes-base', 'dist', 'credentials', 'OAuth2Api.credentials.js');
	if (!fs.existsSync(file)) return undefined;
	const { OAuth2Api } = require(file) as { OAuth2Api: new () => ICredentialType };
	return new OAuth2Api();
}

/** The fields n8n 2.41's credential dialog shows, in order: parent first, then the child's, as n8n merges them. */
function dialogFields(credential: ICredentialType, parent: ICredentialType): INodeProperties[] {
	const merged: INodeProperties[] = [];
	NodeHelpers.mergeNodeProperties(merged, injectDomainRestrictionFields(parent));
	NodeHelpers.mergeNodeProperties(merged, injectDomainRestrictionFields(credential));
	const values = NodeHelpers.getNodeParameters(merged, {}, true, false, null, null) ?? {};
	return merged.filter((property) => property.type !== 'hidden' && NodeHelpers.displayParameter(values, property, null, null));
}

describe('Threads OAuth2 API credential dialog', () => {
	const credential = new ThreadsOAuth2Api();
	const parent = installedOAuth2Api() ?? ({ name: 'oAuth2Api', displayName: 'OAuth2 API', genericAuth: true, properties: OAUTH2_API_2_41 } as ICredentialType);
	const fields = dialogFields(credential, parent);

	it('opens with the one-hour limitation (before the App ID, the scopes and Allowed Domains)', () => {
		expect(credential.properties[0].type).toBe('notice');
		expect(fields[0]).toBe(credential.properties[0]);
		expect(fields[0].displayName).toMatch(/last one hour/);
		expect(fields.map((field) => field.name)).toContain('allowedHttpRequestDomains');
	});

	it('labels the app’s ID and secret as README and Meta’s dashboard do', () => {
		const labels = fields.map((field) => field.displayName);
		expect(labels).toEqual(expect.arrayContaining(['Threads App ID', 'Threads App Secret', 'Scope']));
		expect(labels).not.toEqual(expect.arrayContaining(['Client ID']));
		expect(labels).not.toEqual(expect.arrayContaining(['Client Secret']));
	});

	it('the dialog notice takes a field the Threads flow never uses (dynamic client registration stays off)', () => {
		const values = NodeHelpers.getNodeParameters([...OAUTH2_API_2_41.slice(0, 1), ...credential.properties], {}, true, false, null, null) ?? {};
		expect(values.useDynamicClientRegistration).toBe(false);
		expect(values[credential.properties[0].name] || undefined).toBeUndefined();
	});

	it('the recorded oAuth2Api matches the installed n8n (when e2e/n8n is installed)', () => {
		const installed = installedOAuth2Api();
		if (!installed) return;
		const names = (properties: INodeProperties[]) => properties.map((property) => property.name);
		expect(names(installed.properties).slice(0, OAUTH2_API_2_41.length)).toEqual(names(OAUTH2_API_2_41));
	});
});

describe('self-renewing token credentials', () => {
	it.each<[string, string, ICredentialType]>([
		['Threads Self-Renewing Token API', 'Threads App Secret', new ThreadsApi()],
		['Instagram Self-Renewing Token API', 'Instagram App Secret', new InstagramApi()],
	])('%s labels the app secret "%s" and opens with its notice', (_, label, credential) => {
		expect(credential.properties[0].type).toBe('notice');
		expect(credential.properties.find((property) => property.name === 'appSecret')?.displayName).toBe(label);
	});
});
