/**
 * Shared set-up for engine tests: the simulator installed at the socket level, a demo
 * world, a connected OAuth2 credential, and a one-node workflow builder.
 */
import * as fs from 'fs';
import * as path from 'path';
import nock from 'nock';
import type { IConnections, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RunOptions, WorkflowResult } from '../harness/runWorkflow';
import { PACKAGE, runWorkflow } from '../harness/runWorkflow';
import { renewalGateExpression, tokenFingerprint } from '../../nodes/shared/tokens/tokenLifecycle';
import { createDemoWorld } from '../simulator/demoWorld';
import { ThreadsSimulator } from '../simulator/threadsSimulator';

export interface SimulatedThreads {
	sim: ThreadsSimulator;
	token: string;
	userId: string;
}

/** Installs a fresh simulator with the demo world before each test of the calling file. */
export function useSimulator(options: ConstructorParameters<typeof ThreadsSimulator>[0] = {}): SimulatedThreads {
	const context = {} as SimulatedThreads;
	beforeEach(() => {
		nock.disableNetConnect();
		context.sim = new ThreadsSimulator(options);
		const { user, token } = createDemoWorld(context.sim);
		context.token = token;
		context.userId = user.id;
		context.sim.install();
	});
	afterEach(() => {
		context.sim.uninstall();
		nock.cleanAll();
		nock.enableNetConnect();
	});
	return context;
}

export function oauth2Credential(accessToken: string) {
	return {
		threadsOAuth2Api: {
			grantType: 'authorizationCode',
			clientId: 'test-client-id',
			clientSecret: 'test-client-secret-value',
			accessTokenUrl: 'https://graph.threads.net/oauth/access_token',
			authUrl: 'https://threads.net/oauth/authorize',
			scope: 'threads_basic,threads_manage_insights,threads_profile_discovery',
			authentication: 'body',
			oauthTokenData: { access_token: accessToken, token_type: 'bearer', user_id: '1' },
		},
	};
}

export interface ThreadsStep {
	parameters: INodeParameters;
	/** Items the start node emits into the Threads node (default one empty item). */
	input?: object[];
	continueOnFail?: boolean;
	/** n8n's "On Error" setting; overrides continueOnFail. */
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	/** Adds an Echo node after Threads evaluating this expression per row (e.g. `={{ $('Start').item.json.tag }}`). */
	echo?: string;
}

/** Start → Threads, run through n8n's engine with the simulator's token. */
export async function runThreads(
	threads: SimulatedThreads,
	step: ThreadsStep,
	options: RunOptions = {},
): Promise<WorkflowResult & { items: Array<Record<string, unknown>> }> {
	const nodes: INode[] = [
		{
			id: 'start',
			name: 'Start',
			type: 'test.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(step.input ?? [{}]) },
		},
		{
			id: 'threads',
			name: 'Threads',
			type: `${PACKAGE}.threads`,
			typeVersion: 1,
			position: [220, 0],
			parameters: { authentication: 'oAuth2', ...step.parameters },
			credentials: {
				threadsApi: { id: 'threadsApi', name: 'Threads token' },
				threadsOAuth2Api: { id: 'threadsOAuth2Api', name: 'Threads account' },
			},
			...(step.onError ? { onError: step.onError } : step.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const connections: IConnections = { Start: { main: [[{ node: 'Threads', type: 'main' as never, index: 0 }]] } };
	if (step.echo !== undefined) {
		nodes.push({ id: 'echo', name: 'Echo', type: 'test.echo', typeVersion: 1, position: [440, 0], parameters: { value: step.echo } });
		connections.Threads = { main: [[{ node: 'Echo', type: 'main' as never, index: 0 }]] };
	}
	const result = await runWorkflow({ nodes, connections }, { credentials: oauth2Credential(threads.token), timezone: 'UTC', ...options });
	return { ...result, items: (result.output.Threads ?? []).map((item) => item.json as Record<string, unknown>) };
}

export interface InstagramStep {
	/** The token of an adopted self-renewing credential (first use already happened), so request counts are the node's own. */
	token: string;
	parameters: INodeParameters;
	input?: object[];
	timezone?: string;
	/** When the credential's token was issued (default now). */
	issuedAt?: number;
}

/** Start → Instagram Insights, run through n8n's engine. */
export async function runInstagram(step: InstagramStep): Promise<WorkflowResult & { items: Array<Record<string, any>> }> {
	const result = await runWorkflow(
		{
			nodes: [
				{ id: 's', name: 'Start', type: 'test.items', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(step.input ?? [{}]) } },
				{
					id: 'ig',
					name: 'Instagram',
					type: `${PACKAGE}.instagram`,
					typeVersion: 1,
					position: [200, 0],
					parameters: step.parameters,
					credentials: { instagramApi: { id: 'instagramApi', name: 'Instagram account' } },
				},
			],
			connections: { Start: { main: [[{ node: 'Instagram', type: 'main' as never, index: 0 }]] } },
		},
		{ credentials: { instagramApi: adoptedTokenCredential(step.token, step.issuedAt) }, timezone: step.timezone ?? 'UTC' },
	);
	return { ...result, items: (result.output.Instagram ?? []).map((item) => item.json as Record<string, any>) };
}

/** The items of a node's output (0: main, 1: the error output of "On Error: Continue (using error output)"). */
export function outputOf(result: WorkflowResult, node: string, output = 0): INodeExecutionData[] {
	return result.run.data.resultData.runData[node]?.[0]?.data?.main?.[output] ?? [];
}

/** The simulator's log, as `METHOD path?sorted-query`, for exact request assertions. */
export function requestLines(sim: ThreadsSimulator): string[] {
	return sim.requests.map((request) => {
		const query = Object.keys(request.query)
			.sort()
			.map((key) => `${key}=${request.query[key]}`)
			.join('&');
		return `${request.method} ${request.path}${query ? `?${query}` : ''}`;
	});
}

/** Meta's raw answer for a path, read straight from the simulator's model (the log is cleared after). */
export async function rawAnswer(threads: SimulatedThreads, pathWithQuery: string): Promise<any> {
	const response = await threads.sim.handle({
		method: 'GET',
		path: pathWithQuery,
		headers: { authorization: `Bearer ${threads.token}` },
	});
	threads.sim.reset();
	return response.body;
}

/** Neither the output, nor the error, nor anything else in the run may contain a secret. */
export function expectNoSecrets(result: WorkflowResult, ...secrets: string[]): void {
	const serialized = JSON.stringify({ run: result.run, error: result.error, message: result.error?.message, description: (result.error as { description?: string } | undefined)?.description });
	for (const secret of secrets) expect(serialized).not.toContain(secret);
}

/**
 * A self-renewing token credential after its first use (token adopted, renewal due in 50
 * days), so a test's request counts are the node's own.
 */
export function adoptedTokenCredential(token: string, issuedAt = Date.now()) {
	return {
		accessToken: token,
		appSecret: '',
		renewalGate: renewalGateExpression(issuedAt + 50 * 86400_000),
		liveToken: token,
		issuedAt,
		expiresAt: issuedAt + 60 * 86400_000,
		pastedFingerprint: tokenFingerprint(token),
	};
}

interface ExampleNode {
	name: string;
	type: string;
	parameters: INodeParameters;
}

/**
 * An alert example as shipped in examples/: its trigger's parameters (without the poll
 * schedule, which the test drives) and the `$json` fields its message node reads.
 */
export function alertExample(file: string): { triggerParameters: INodeParameters; messageFields: string[] } {
	const workflow = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8')) as { nodes: ExampleNode[] };
	const trigger = workflow.nodes.find((node) => node.type.startsWith(`${PACKAGE}.`) && node.type.endsWith('Trigger'));
	const message = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.slack');
	if (!trigger || !message) throw new Error(`${file}: expected a trigger of this package and a Slack node`);
	const triggerParameters = { ...trigger.parameters };
	delete triggerParameters.pollTimes;
	const messageFields = [...String(message.parameters.text).matchAll(/\$json\.(\w+)/g)].map((match) => match[1]);
	return { triggerParameters, messageFields };
}
