import { LoadOptionsContext } from 'n8n-core';
import type { INode } from 'n8n-workflow';

import { PACKAGE, createAdditionalData, createCredentialsHelper, createWorkflow } from '../harness/runWorkflow';
import { searchMyThreads } from '../../nodes/Threads/shared/listSearch';
import { oauth2Credential, rawAnswer, requestLines, useSimulator } from './fixtures';

const threads = useSimulator();

function loadOptionsContext(): LoadOptionsContext {
	const node: INode = {
		id: 'threads',
		name: 'Threads',
		type: `${PACKAGE}.threads`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication: 'oAuth2', resource: 'media', operation: 'getInsights' },
		credentials: { threadsOAuth2Api: { id: 'threadsOAuth2Api', name: 'Threads account' } },
	};
	const workflow = createWorkflow({ nodes: [node], connections: {} });
	const additionalData = createAdditionalData(createCredentialsHelper(oauth2Credential(threads.token)));
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.mediaId');
}

describe('Media locator "From list"', () => {
	it('lists your recent posts, newest first, with a link, in one request', async () => {
		const raw = await rawAnswer(threads, '/v1.0/me/threads?fields=id,text,timestamp,permalink,media_type&limit=100');
		const result = await searchMyThreads.call(loadOptionsContext());
		expect(result.results.map((entry) => entry.value)).toEqual(raw.data.map((post: { id: string }) => post.id));
		expect(result.results[0].url).toBe(raw.data[0].permalink);
		expect(result.paginationToken).toBe(raw.paging.cursors.after);
		expect(requestLines(threads.sim)).toEqual(['GET /v1.0/me/threads?fields=id,text,timestamp,permalink,media_type&limit=100']);
	});

	it('filters by the text typed in the search box, case-insensitively', async () => {
		const raw = await rawAnswer(threads, '/v1.0/me/threads?fields=id,text&limit=100');
		const word = (raw.data.find((post: { text?: string }) => post.text)?.text as string).split(/\s+/)[0];
		const result = await searchMyThreads.call(loadOptionsContext(), word.toUpperCase());
		expect(result.results.length).toBeGreaterThan(0);
		const expected = raw.data.filter((post: { text?: string }) => (post.text ?? '').toLowerCase().includes(word.toLowerCase()));
		expect(result.results.map((entry) => entry.value)).toEqual(expected.map((post: { id: string }) => post.id));
	});
});
