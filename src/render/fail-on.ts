/** `--fail-on`: the least severe finding that makes the exit code 1 (and a JUnit test case fail). */
export const failOnLevels = ['error', 'warning', 'none'] as const;
export type FailOn = (typeof failOnLevels)[number];
