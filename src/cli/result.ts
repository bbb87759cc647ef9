/** Output and exit code of a command, so the CLI can be tested without spawning a process. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Exit 1 with a Vietnamese message on stderr (no stack trace), optionally followed by the usage text. */
export function fail(message: string, usage = ""): CliResult {
  return { code: 1, stdout: "", stderr: `Lỗi: ${message}\n${usage}` };
}
