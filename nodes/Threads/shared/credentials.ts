/** The credential type the Threads node and its helpers sign requests with. */
export const THREADS_CREDENTIAL_TYPE = 'threadsOAuth2Api';
