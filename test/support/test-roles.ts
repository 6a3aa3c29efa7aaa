/** The API's login role in tests, made once per run by the global setup (as the embedded default does). */
export const TEST_API_ROLE = 'rewind_test_api';
export const TEST_API_PASSWORD = 'rewind-test-api';
