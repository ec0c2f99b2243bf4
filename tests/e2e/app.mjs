// Launches the real app for a scenario and knows where it keeps its files.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Session } from "./webdriver.mjs";

const DRIVER = process.env.TAURI_DRIVER_URL ?? "http://127.0.0.1:4444";
/** The app binary under test (scripts/test builds it and sets this). */
export const APP = process.env.CASCO_APP_BINARY;
/** Where screenshots go; not committed. */
export const SHOTS = process.env.CASCO_SCREENSHOTS ?? new URL("./screenshots", import.meta.url).pathname;
const IDENTIFIER = "ro.cascodesk.app";

if (!APP || !existsSync(APP)) throw new Error(`CASCO_APP_BINARY is not a built app: ${APP}`);
if (!process.env.XDG_DATA_HOME) throw new Error("XDG_DATA_HOME must point at a fresh directory per run");

/** The app's data dir, as Tauri resolves it on Linux. */
export const dataDir = join(process.env.XDG_DATA_HOME, IDENTIFIER);

/** Starts the app and waits for its frame to render. */
export async function launch() {
  const s = await Session.start(DRIVER, APP);
  await s.waitFor("nav[aria-label] #nav-settings");
  return s;
}

/** Ends the app (tauri-driver kills it) and starts it again on the same data. */
export async function restart(session) {
  await session.end();
  return launch();
}

/** The settings object as written by tauri-plugin-store, or null when no file exists yet. */
export function settingsFile() {
  const file = join(dataDir, "settings.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).settings ?? null : null;
}

/** Forgets the app's files (settings, store) so a scenario starts like a first run. */
export function freshData() {
  rmSync(dataDir, { recursive: true, force: true });
  if (process.env.XDG_CONFIG_HOME) rmSync(join(process.env.XDG_CONFIG_HOME, IDENTIFIER), { recursive: true, force: true });
}
