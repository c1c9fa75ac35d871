/** A problem with what the user asked for (a path that is not a plugin, a name that matches nothing): exit 2. */
export class UsageError extends Error {}
