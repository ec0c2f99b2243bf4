// First, so its clock starts before anything else evaluates.
import { reportFirstScreen } from "./lib/startup";
import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { backend, useBackend } from "./lib/backend";
import { tauriBackend } from "./lib/backend/tauri";
import { guardWebview } from "./lib/webview";

useBackend(tauriBackend);
// Before the app mounts, so no reload, print or find slips through while it starts.
guardWebview(window);

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");
// Watched before mounting, so the first render is not missed.
reportFirstScreen((timing) => backend().firstScreenReady(timing));
export default mount(App, { target });
