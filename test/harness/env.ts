/** Set by global-setup.mjs; Jest workers inherit them. */
export const ENV_ADMIN_URL = 'NONGSAN_TEST_ADMIN_URL';
export const ENV_TEMPLATE = 'NONGSAN_TEST_TEMPLATE';
