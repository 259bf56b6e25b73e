/**
 * Jest gives every test file its own module registry, hence its own nock, but Node's `http`
 * module is shared by all files in a worker: a nock left active patches `http` again on top
 * of the next file's, and a simulated reset then travels through two interceptor layers and
 * surfaces as an uncaught error in whichever file runs next. Each file un-patches its own.
 */
import nock from 'nock';

afterAll(() => {
	nock.cleanAll();
	nock.restore();
});
