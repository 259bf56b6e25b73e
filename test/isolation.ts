/**
 * Run by jest around every test file (setupFilesAfterEnv): what one test or file leaves
 * behind must not reach the next.
 */
import nock from 'nock';
import { forgetSettledRenewals } from '../nodes/shared/tokens/longLivedToken';

// Each test starts a new simulated Meta, which hands out the same token strings again: a
// renewal remembered from an earlier test would answer for a credential it never saw.
beforeEach(() => forgetSettledRenewals());

// Jest gives every test file its own module registry, hence its own nock, but Node's `http`
// module is shared by all files in a worker: a nock left active patches `http` again on top of
// the next file's, and a simulated reset then travels through two interceptor layers and
// surfaces as an uncaught error in whichever file runs next. Each file un-patches its own.
afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
