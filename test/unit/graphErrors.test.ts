import type { DescribeOptions } from '../../nodes/shared/graph/graphErrors';
import { classifyGraphError, describeGraphError, graphErrorOf, redactSecrets } from '../../nodes/shared/graph/graphErrors';
import { postRow } from '../../nodes/shared/insights/postRows';

describe('classifyGraphError', () => {
	it.each([
		[{ code: 190, error_subcode: 463 }, 400, 'invalidToken'],
		[{ code: 10 }, 403, 'missingPermission'],
		[{ code: 200 }, 400, 'missingPermission'],
		[{ code: 299 }, 400, 'missingPermission'],
		[{ code: 4 }, 400, 'rateLimited'],
		[{ code: 17 }, 400, 'rateLimited'],
		[{ code: 32 }, 400, 'rateLimited'],
		[{ code: 613 }, 400, 'rateLimited'],
		[{ message: 'slow down' }, 429, 'rateLimited'],
		[{ code: 10, message: 'THREADS_API__FEATURE_NOT_AVAILABLE: no' }, 400, 'featureNotAvailable'],
		[{ code: 10, message: 'Application does not have permission', error_user_msg: 'This user does not have access to this Threads API feature.' }, 400, 'featureNotAvailable'],
		[{ code: 10, message: 'This user does not have access to this Threads API feature.' }, 400, 'featureNotAvailable'],
		[{ code: 10, message: 'Application does not have permission for this action' }, 403, 'missingPermission'],
		[{ code: 100 }, 400, 'invalidParameter'],
		[{ code: 2, is_transient: true }, 500, 'transient'],
		[{ code: 12345 }, 400, 'unknown'],
	])('%j (HTTP %s) is %s', (error, status, kind) => {
		expect(classifyGraphError(error, status)).toBe(kind);
	});
});

describe('describeGraphError', () => {
	it('says what to click, names the scope, keeps the trace id, hides secrets', () => {
		const expired = describeGraphError(
			{ code: 190, message: 'Session has expired; access_token=EAAGsecret123', fbtrace_id: 'TRACE1' },
			400,
		);
		expect(expired.message).toMatch(/expired or was revoked/);
		expect(expired.description).toMatch(/reconnect/i);
		expect(expired.description).toContain('TRACE1');
		expect(expired.description).not.toContain('EAAGsecret123');

		const scope = describeGraphError({ code: 10, message: 'no' }, 403, { requiredScope: 'threads_manage_insights' });
		expect(scope.message).toContain('threads_manage_insights');
		expect(describeGraphError({ code: 100, message: 'metric is invalid' }, 400).message).toContain('metric is invalid');
	});

	describe('the fix for a dead token names the credential the user has', () => {
		const expired = (options: DescribeOptions) => describeGraphError({ code: 190, message: 'Session has expired' }, 400, options).description;

		it('Threads self-renewing token: paste a new token, no OAuth2 button', () => {
			const text = expired({ credentialName: 'Threads', credentialType: 'threadsApi' });
			expect(text).toContain('"Threads Self-Renewing Token API"');
			expect(text).toMatch(/paste a new token/);
			expect(text).not.toMatch(/OAuth2|"Reconnect"/);
		});

		it('Threads OAuth2: click "Reconnect", and the token only lasts an hour', () => {
			const text = expired({ credentialName: 'Threads', credentialType: 'threadsOAuth2Api' });
			expect(text).toContain('"Threads OAuth2 API"');
			expect(text).toContain('click "Reconnect"');
			expect(text).toMatch(/one hour/);
		});

		it.each<[string, DescribeOptions]>([
			['with its credential type', { credentialName: 'Instagram', credentialType: 'instagramApi' }],
			['from the platform name alone', { credentialName: 'Instagram' }],
		])('Instagram (%s): paste a new token; it has no OAuth2 credential', (_, options) => {
			const text = expired(options);
			expect(text).toContain('"Instagram Self-Renewing Token API"');
			expect(text).toMatch(/paste a new token/);
			expect(text).not.toMatch(/OAuth2|"Reconnect"|Threads/);
		});

		it('Threads without the credential type: both of its credentials', () => {
			const text = expired({ credentialName: 'Threads' });
			expect(text).toContain('"Threads Self-Renewing Token API"');
			expect(text).toContain('click "Reconnect"');
		});
	});

	it('a missing permission: where the scope is added depends on the credential', () => {
		const missing = (credentialName: string, credentialType: string) =>
			describeGraphError({ code: 10, message: 'no' }, 403, { requiredScope: 'x_scope', credentialName, credentialType }).description;
		expect(missing('Threads', 'threadsOAuth2Api')).toMatch(/"x_scope" to the "Threads OAuth2 API" credential's Scope field .* click "Reconnect"/);
		expect(missing('Threads', 'threadsApi')).toMatch(/generate a new token and paste it into the "Threads Self-Renewing Token API" credential/);
		expect(missing('Instagram', 'instagramApi')).toMatch(/"Instagram Self-Renewing Token API"/);
		expect(missing('Instagram', 'instagramApi')).not.toMatch(/OAuth2|Reconnect|Scope field/);
	});

	it('the rate-limit fix names the options as the editor labels them', () => {
		const { description } = describeGraphError({ code: 4, message: 'Application request limit reached' }, 400);
		expect(description).toContain('Options → "Max Concurrent Requests"');
		expect(description).toContain('Options → "Max Wait When Rate Limited (Seconds)"');
		expect(description).toMatch(/Poll Times/);
		expect(description).not.toMatch(/"Concurrency"/);
	});

	it('a timeout points at Options → "Timeout (Seconds)"; other hiccups do not', () => {
		expect(describeGraphError({ message: 'Meta did not answer within 60 s', is_transient: true }, 0).description).toContain(
			'Options → "Timeout (Seconds)"',
		);
		expect(describeGraphError({ code: 2, message: 'Service temporarily unavailable' }, 503).description).not.toMatch(/Timeout/);
	});

	it('no linked Instagram account: metrics named by their labels, not API names', () => {
		const { description } = describeGraphError({ code: 10, message: 'THREADS_API__FEATURE_NOT_AVAILABLE' }, 400);
		expect(description).toMatch(/Followers Count and Follower Demographics/);
		expect(description).not.toMatch(/followers_count|follower_demographics/);
	});

	it('graphErrorOf finds the error in objects and JSON strings only', () => {
		expect(graphErrorOf({ error: { code: 4 } })).toEqual({ code: 4 });
		expect(graphErrorOf('{"error":{"code":1}}')).toEqual({ code: 1 });
		expect(graphErrorOf({ data: [] })).toBeUndefined();
		expect(graphErrorOf('<html>')).toBeUndefined();
	});

	it('redactSecrets removes query tokens and bearer headers', () => {
		expect(redactSecrets('a?access_token=abc&client_secret=def Bearer xyz.1')).toBe(
			'a?access_token=[redacted]&client_secret=[redacted] Bearer [redacted]',
		);
	});
});

test('postRow flattens owner, children and nested objects into columns', () => {
	expect(
		postRow({ id: '1', owner: { id: '9' }, children: { data: [{ id: 'a' }, { id: 'b' }] }, poll_attachment: { option_a: 'Yes' }, text: undefined }),
	).toEqual({ id: '1', owner_id: '9', children_ids: 'a,b', poll_attachment_option_a: 'Yes', text: null });
});
