import { main } from "../../src/cli/main";
import { CLI_DEPS, type CliDeps } from "../../src/cli/io";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the hnb command line in-process with the given table rules, capturing what it prints and its exit code. */
export async function hnbWith(deps: CliDeps, ...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(
    argv,
    {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    },
    deps,
  );
  return { code, stdout, stderr };
}

/** Runs the hnb command line in-process, capturing what it prints and its exit code. */
export async function hnb(...argv: string[]): Promise<Run> {
  return hnbWith(CLI_DEPS, ...argv);
}
