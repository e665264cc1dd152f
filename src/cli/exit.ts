/** Exit codes: 0 done, 1 the run's own verdict (e.g. --fail-on met), 2 bad usage or input, 3 internal error. */
export const EXIT = { ok: 0, verdict: 1, usage: 2, internal: 3 } as const;

/** A command's action resolves to its exit code; commander only routes to it. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
