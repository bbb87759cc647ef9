/**
 * Loaded by jest.unit.config.js (`npm run test:unit`): marks the run as the fast loop, so a
 * suite that would start LibreOffice when it is installed skips that part; `npm test` runs it.
 */
process.env.DTI_TEST_SCOPE = "unit";
