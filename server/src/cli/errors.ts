/** Errors the CLI reports as one line and exit code 2. */
export class UsageError extends Error {}
export class IoError extends Error {}
