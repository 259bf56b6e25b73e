/**
 * Polls the Threads Trigger the way n8n does: n8n-core's TriggersAndPollers runs `poll()`
 * with a real PollContext; static data is persisted (as JSON, like n8n's database) only
 * after a successful production poll, and every poll starts from the persisted copy, so
 * each poll is also a restart.
 */
import { PollContext, TriggersAndPollers } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { CredentialStore } from './credentialsHelper';
import { PACKAGE, createAdditionalData, createCredentialsHelper, createWorkflow } from './runWorkflow';

export interface Poller {
	/** One poll; `manual` = the editor's test step. Resolves to the emitted items (or null). */
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[] | null>;
	/** What n8n has stored for the workflow, as JSON. */
	readonly persisted: string;
	/** Change the node's parameters (as the user editing the trigger). */
	parameters: INodeParameters;
}

export interface PollerOptions {
	timezone?: string;
	/** The poll's time budget as n8n's tick engine grants it (n8n's default: 5 minutes). */
	pollBudgetMs?: number;
	/** The trigger to poll (default: the Threads Trigger, on its OAuth2 credential). */
	nodeType?: 'threadsTrigger' | 'instagramTrigger';
	/**
	 * false: as n8n 2.41 saves static data, only after the first (activation) poll and after a poll
	 * that emits; a quiet poll's changes are lost (a restart after each poll). Default true.
	 */
	saveQuietPolls?: boolean;
}

export function createPoller(parameters: INodeParameters, credentials: CredentialStore, options: PollerOptions = {}): Poller {
	const { timezone = 'UTC', pollBudgetMs = 5 * 60_000, nodeType = 'threadsTrigger', saveQuietPolls = true } = options;
	let activated = false;
	const defaults = nodeType === 'threadsTrigger' ? { authentication: 'oAuth2' } : {};
	const credentialsHelper = createCredentialsHelper(credentials);
	const pollers = new TriggersAndPollers();
	let persisted = '{}';
	const poller: Poller = {
		parameters,
		get persisted() {
			return persisted;
		},
		async poll(mode = 'trigger') {
			const node: INode = {
				id: 'trigger',
				name: 'Trigger',
				type: `${PACKAGE}.${nodeType}`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { ...defaults, ...poller.parameters },
				credentials: {
					threadsApi: { id: 'threadsApi', name: 'Threads token' },
					threadsOAuth2Api: { id: 'threadsOAuth2Api', name: 'Threads account' },
					instagramApi: { id: 'instagramApi', name: 'Instagram account' },
				},
			};
			const workflow = createWorkflow({ nodes: [node], connections: {} }, { timezone, staticData: JSON.parse(persisted) as IDataObject });
			const context = new PollContext(
				workflow,
				node,
				createAdditionalData(credentialsHelper),
				mode,
				mode === 'manual' ? 'manual' : 'activate',
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				() => pollBudgetMs,
			);
			const output = await pollers.runPollFunction(workflow, node, context);
			const saved = saveQuietPolls || !activated || Boolean(output?.[0]?.length);
			if (mode !== 'manual' && saved) persisted = JSON.stringify(workflow.staticData);
			if (mode !== 'manual') activated = true;
			return output?.[0] ?? null;
		},
	};
	return poller;
}
