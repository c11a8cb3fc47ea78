#!/usr/bin/env node
// npm stop: undo `npm start`.
//
// Windows/macOS: office-addin-debugging stop (removes the sideloaded add-in, stops the server).
// Elsewhere nothing was sideloaded; if this repository's webpack dev server is listening on the
// dev-server port, it is stopped. A process on that port that is not webpack started in this
// repository is left alone.
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { MANIFEST, OFFICE_ADDIN_DEBUGGING, PORT, ROOT, hasExcelDesktop, run } from "./office-tools.mjs";

if (hasExcelDesktop()) {
  const args = ["--yes", OFFICE_ADDIN_DEBUGGING, "stop", MANIFEST];
  console.log(`> npx ${args.join(" ")}`);
  process.exitCode = await run("npx", args);
} else {
  console.log(`Excel desktop is not available on this machine (${process.platform}): nothing was sideloaded.`);
  stopDevServer();
}

function stopDevServer() {
  if (process.platform !== "linux") {
    console.log(`If the dev server is still running, stop it with Ctrl+C in its terminal (port ${PORT}).`);
    return;
  }
  const pids = listeningPids(PORT);
  if (pids.length === 0) {
    console.log(`No server is listening on port ${PORT}.`);
    return;
  }
  for (const pid of pids) {
    const cmdline = safeRead(`/proc/${pid}/cmdline`).split("\0").join(" ").trim();
    const cwd = safeReadlink(`/proc/${pid}/cwd`);
    // webpack-cli renames its process to "webpack", so the arguments ("serve") are gone: a
    // webpack process started in this repository and listening on the port is the dev server.
    if (cwd === ROOT && /\bwebpack\b/.test(cmdline)) {
      process.kill(pid, "SIGTERM");
      console.log(`Stopped this project's dev server (pid ${pid}) on port ${PORT}.`);
    } else {
      console.log(
        `Port ${PORT} is held by pid ${pid} (${cmdline || "unknown command"}), which is not this ` +
          "project's dev server: left running.",
      );
    }
  }
}

/** PIDs of processes with a listening TCP socket on `port`, read from /proc (Linux only). */
function listeningPids(port) {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of safeRead(table).split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // fields: sl local_address rem_address st ... inode (index 9); st 0A is LISTEN.
      if (fields.length > 9 && fields[1].endsWith(`:${hexPort}`) && fields[3] === "0A") inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return [];
  const pids = [];
  for (const entry of safeReaddir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    for (const fd of safeReaddir(`/proc/${entry}/fd`)) {
      const target = safeReadlink(`/proc/${entry}/fd/${fd}`);
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match && inodes.has(match[1])) {
        pids.push(Number(entry));
        break;
      }
    }
  }
  return pids;
}

function safeRead(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

function safeReaddir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeReadlink(link) {
  try {
    return readlinkSync(link);
  } catch {
    return "";
  }
}
