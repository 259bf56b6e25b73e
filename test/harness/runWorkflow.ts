/**
 * Runs a workflow through n8n-core's real execution engine (WorkflowExecute → RoutingNode
 * for declarative nodes), with this package's node and credential types. HTTP is not
 * mocked here: tests install the API simulator with nock, at the socket level.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IRun,
	IConnections,
	IWorkflowExecuteAdditionalData,
	ExecutionError,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { InstagramApi } from '../../credentials/InstagramApi.credentials';
import { ThreadsApi } from '../../credentials/ThreadsApi.credentials';
import { ThreadsOAuth2Api } from '../../credentials/ThreadsOAuth2Api.credentials';
import { Instagram } from '../../nodes/Instagram/Instagram.node';
import { InstagramTrigger } from '../../nodes/InstagramTrigger/InstagramTrigger.node';
import { Threads } from '../../nodes/Threads/Threads.node';
import { ThreadsTrigger } from '../../nodes/ThreadsTrigger/ThreadsTrigger.node';
import type { CredentialStore } from './credentialsHelper';
import { TestCredentialsHelper } from './credentialsHelper';
import { TestEcho, TestItems } from './testItemsNode';

export const PACKAGE = 'n8n-nodes-threads-insights';

const nodeTypeInstances: Record<string, INodeType> = {
	[`${PACKAGE}.threads`]: new Threads(),
	[`${PACKAGE}.threadsTrigger`]: new ThreadsTrigger(),
	[`${PACKAGE}.instagram`]: new Instagram(),
	[`${PACKAGE}.instagramTrigger`]: new InstagramTrigger(),
	'test.items': new TestItems(),
	'test.echo': new TestEcho(),
};

export const credentialTypes: Record<string, ICredentialType> = {
	threadsApi: new ThreadsApi(),
	instagramApi: new InstagramApi(),
	threadsOAuth2Api: new ThreadsOAuth2Api(),
	oAuth2Api: { name: 'oAuth2Api', displayName: 'OAuth2 API', properties: [] },
};

export const nodeTypes: INodeTypes = {
	getByName: (type: string) => nodeTypeInstances[type],
	getByNameAndVersion: (type: string, version?: number) => NodeHelpers.getVersionedNodeType(nodeTypeInstances[type], version),
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** Adds a node type from elsewhere (the benchmark's n8n HTTP Request node baseline). */
export function registerNodeType(type: string, instance: INodeType | IVersionedNodeType): void {
	nodeTypeInstances[type] = instance as INodeType;
}

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
}

export interface WorkflowResult {
	run: IRun;
	/** Output items of every node that ran (first run, main output 0). */
	output: Record<string, INodeExecutionData[]>;
	error?: ExecutionError;
	credentials: TestCredentialsHelper;
}

export interface RunOptions {
	credentials?: CredentialStore;
	/** Workflow timezone (Settings → Timezone). */
	timezone?: string;
	/** Reuse a helper (and its store) across runs, as a real n8n reuses its database. */
	credentialsHelper?: TestCredentialsHelper;
}

let executionCounter = 0;

export function createCredentialsHelper(store: CredentialStore): TestCredentialsHelper {
	return new TestCredentialsHelper(credentialTypes, store);
}

export interface WorkflowOptions {
	timezone?: string;
	/** Static data as n8n stored it after an earlier activation (a restart reloads it). */
	staticData?: IDataObject;
}

export function createWorkflow(json: WorkflowJson, options: WorkflowOptions = {}): Workflow {
	return new Workflow({
		id: 'test-workflow',
		name: json.name ?? 'test',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		staticData: options.staticData,
		settings: { ...(json.settings ?? {}), ...(options.timezone ? { timezone: options.timezone } : {}) },
	});
}

/** The plain-object additionalData n8n-core needs (an auto-mock breaks credential decryption). */
export function createAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const executionId = String(++executionCounter);
	const baseUrl = (path: string) => `http://localhost:5678/${path}`;
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: baseUrl('rest'),
		instanceBaseUrl: baseUrl(''),
		formWaitingBaseUrl: baseUrl('form-waiting'),
		formBaseUrl: baseUrl('form'),
		formTestBaseUrl: baseUrl('form-test'),
		webhookBaseUrl: baseUrl('webhook'),
		webhookWaitingBaseUrl: baseUrl('webhook-waiting'),
		webhookTestBaseUrl: baseUrl('webhook-test'),
		mcpBaseUrl: baseUrl('mcp'),
		mcpTestBaseUrl: baseUrl('mcp-test'),
		variables: {},
		logAiEvent: () => undefined,
		executeWorkflow: async () => ({ data: [], executionId: '' }),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('Code runner is not available in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export async function runWorkflow(json: WorkflowJson, options: RunOptions = {}): Promise<WorkflowResult> {
	const credentialsHelper = options.credentialsHelper ?? createCredentialsHelper(options.credentials ?? {});
	const workflow = createWorkflow(json, options);
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: json.name ?? 'test',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run: IRun) => resolve(run));
	});
	const additionalData = createAdditionalData(credentialsHelper, hooks);

	const start = json.nodes.find((node) => node.type === 'test.items') ?? json.nodes[0];
	let run: IRun;
	try {
		const execution = new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: start });
		run = await Promise.race([finished, execution.then(async () => await finished)]);
	} catch (error) {
		// n8n refuses to start a workflow whose parameters have issues (e.g. a required field
		// left empty); the editor shows the same list, so tests see it as the run's error.
		return { run: { data: { resultData: { runData: {} } } } as unknown as IRun, output: {}, error: error as ExecutionError, credentials: credentialsHelper };
	}

	const output: Record<string, INodeExecutionData[]> = {};
	for (const [name, taskData] of Object.entries(run.data.resultData.runData)) {
		output[name] = taskData[0]?.data?.main?.[0] ?? [];
	}
	return { run, output, error: run.data.resultData.error, credentials: credentialsHelper };
}
