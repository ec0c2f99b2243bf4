import type { Backend } from "./types";

export * from "./types";

let active: Backend | null = null;

/** Chooses the backend once at start: the Tauri one in the app, a fake in tests. */
export function useBackend(backend: Backend): void {
  active = backend;
}

/** The backend in use. */
export function backend(): Backend {
  if (!active) throw new Error("no backend: call useBackend() at start");
  return active;
}
