// Shared helpers for scripts/start.mjs, stop.mjs and validate.mjs.
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const MANIFEST = "manifest.xml";
export const PORT = Number(process.env.npm_package_config_dev_server_port || 3000);

/**
 * office-addin-debugging is run on demand with npx rather than installed: its current major (7)
 * pulls a peer whose keytar dependency downloads a prebuilt binary and needs libsecret to build,
 * which would break `npm install` on a clean Linux machine. Major 6 has no such peer; and Excel
 * desktop, which it sideloads into, exists only on Windows and macOS anyway.
 */
export const OFFICE_ADDIN_DEBUGGING = "office-addin-debugging@6";

/** True where Excel desktop can exist, so office-addin-debugging can sideload. */
export function hasExcelDesktop() {
  return process.platform === "win32" || process.platform === "darwin";
}

/** Runs a command with the terminal attached; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: "inherit",
      // npx is npx.cmd on Windows, which needs a shell to start.
      shell: process.platform === "win32",
      ...options,
    });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Runs a command, echoing its output and also returning it. */
export function runCapturing(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      shell: process.platform === "win32",
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on("error", (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** True when `command` can be found on PATH. */
export function onPath(command) {
  const probe = process.platform === "win32" ? "where" : "which";
  return spawnSync(probe, [command], { stdio: "ignore" }).status === 0;
}
