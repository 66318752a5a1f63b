import { checkServerErrors } from './server-errors';

// Installed for the e2e and browser tiers (jest.config.js setupFilesAfterEnv).
afterEach(() => checkServerErrors());
afterAll(() => checkServerErrors());
