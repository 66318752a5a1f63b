/** Each test file drops its own database; nothing shared is left to clean. */
export default async function globalTeardown(): Promise<void> {}
