// The Web Worker that runs the calculators' Python (Pyodide), started by the page's <head>.
//
// It downloads the four runtime files at once, reporting the bytes as they arrive, then starts
// Python with the trimmed standard library, unpacks the calculators and their widget packages
// into site-packages and imports runtime/doudi_host.py. Messages from the page wait in a queue
// until then. Everything comes from this folder (a versioned folder of the site itself).
//
// The first visit also keeps Python's memory as it stands once the page's calculators are imported,
// before any widget exists (a Pyodide memory snapshot), in this browser's IndexedDB under the
// runtime's versioned address; a later visit starts from it instead of starting Python and
// importing everything again. A snapshot that cannot be read or restored is dropped and Python
// starts as on a first visit. No snapshot leaves the browser: it is made and kept on the phone.
//
// A module worker: Pyodide's loader is an ES module and refuses classic workers.
import { loadPyodide } from "./pyodide.mjs";

const BASE = self.location.href.replace(/[^/]*$/, "");

const SITE_PACKAGES = "/lib/python3.14/site-packages";
const queue = [];
let host = null;
const started = performance.now();

function say(message) {
  self.postMessage({ ...message, ms: Math.round(performance.now() - started) });
}

// Python posts each widget message as JSON text (doudi_host.post).
self.doudiSend = (text, buffers) => {
  self.postMessage({ text, buffers: buffers || [] });
};

async function download(name, progress) {
  const response = await fetch(BASE + name);
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const reader = response.body.getReader();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    progress(value.byteLength);
  }
  const data = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) { data.set(chunk, offset); offset += chunk.byteLength; }
  return data;
}

// Is this file in the browser's cache already? (Asks the cache only; never the network.)
async function inCache(name) {
  try {
    const response = await fetch(BASE + name, { cache: "only-if-cached", mode: "same-origin" });
    response.body.cancel();
    return response.ok;
  } catch (error) {
    return false;   // not cached: "only-if-cached" fails instead of going to the network
  }
}

// -- the saved start (IndexedDB: one snapshot per site, for the runtime version that made it) ----
const STORE = "snapshots";

function database() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open("doudi-runtime", 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function finished(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function savedStart() {
  try {
    const db = await database();
    return (await finished(db.transaction(STORE).objectStore(STORE).get(BASE))) || null;
  } catch (error) {
    return null;   // no IndexedDB here (a private window, storage turned off): start as usual
  }
}

// Replaces whatever was kept before (an older runtime version's snapshot is of no use any more).
async function keepStart(snapshot) {
  try {
    const store = (await database()).transaction(STORE, "readwrite").objectStore(STORE);
    await finished(store.clear());
    await finished(store.put(snapshot, BASE));
  } catch (error) {
    console.warn("the start could not be kept for the next visit:", error);
  }
}

async function forgetStart() {
  try {
    await finished((await database()).transaction(STORE, "readwrite").objectStore(STORE).clear());
  } catch (error) { /* nothing kept, nothing to forget */ }
}

async function startPython(options, snapshot) {
  if (snapshot) {
    try {
      return { pyodide: await loadPyodide({ ...options, _loadSnapshot: snapshot }), restored: true };
    } catch (error) {
      console.warn("the kept start could not be used; starting afresh:", error);
      await forgetStart();
    }
  }
  return { pyodide: await loadPyodide({ ...options, _makeSnapshot: true }), restored: false };
}

// Python's memory once the host and the page's calculator modules are imported; null if one of
// them fails (the calculator then says so itself when it starts) or the memory cannot be kept.
function snapshotOnceImported(pyodide, modules) {
  try {
    for (const name of ["doudi_host", ...modules]) pyodide.pyimport(name).destroy();
    return pyodide.makeMemorySnapshot();
  } catch (error) {
    console.warn("no start kept for the next visit:", error);
    return null;
  }
}

// The snapshot is written once a calculator has been started (its widgets are on their way to
// the page), so that writing it does not delay the first drawing.
let unkept = null;
function keepOnceIdle() {
  if (!unkept) return;
  const snapshot = unkept;
  unkept = null;
  setTimeout(() => keepStart(snapshot), 0);
}

async function boot(files, lockInfo, modules) {
  // files: {name: raw bytes}, and Pyodide's lock information, written into the page at build
  // time (scripts/build_runtime.py). No package is loaded from a lock: the lock is empty.
  // modules: the page's calculator modules, imported before the snapshot is made.
  const total = Object.values(files).reduce((a, b) => a + b, 0);
  let loaded = 0;
  let lastSaid = 0;
  const progress = (bytes) => {
    loaded += bytes;
    const now = performance.now();
    if (now - lastSaid > 150 || loaded === total) {
      lastSaid = now;
      say({ type: "progress", stage: "download", loaded, total });
    }
  };
  // The wasm and its loader are fetched again by Pyodide itself, from the browser's cache (the
  // files are immutable), so that the browser also caches the compiled wasm for the next visit.
  // Here they are only brought into that cache, with progress; on a later visit they are already
  // there and are not read twice.
  const warm = async (name) => {
    if (!(await inCache(name))) await download(name, progress);
    else progress(files[name]);
  };
  const [, , stdlib, app, snapshot] = await Promise.all([
    warm("pyodide.asm.wasm"), warm("pyodide.asm.mjs"), download("stdlib.zip", progress), download("app.zip", progress),
    savedStart()]);
  say({ type: "progress", stage: "python" });
  const stdLibURL = URL.createObjectURL(new Blob([stdlib], { type: "application/zip" }));
  const { pyodide, restored } = await startPython({
    indexURL: BASE, stdLibURL, lockFileContents: { info: lockInfo, packages: {} }, packageBaseUrl: BASE, packages: [],
    env: { HOME: "/home/pyodide" },
  }, snapshot);
  URL.revokeObjectURL(stdLibURL);
  say({ type: "progress", stage: "calculators", restored });
  // Unpacked on every visit: a snapshot holds Python's memory, not its files, and a module not
  // imported yet (or the policy bundle) is read from them.
  pyodide.unpackArchive(app, "zip", { extractDir: SITE_PACKAGES });
  unkept = restored ? null : snapshotOnceImported(pyodide, modules);
  host = pyodide.pyimport("doudi_host");
  say({ type: "ready" });
  for (const message of queue.splice(0)) handle(message);
}

function handle(message) {
  if (message.type === "start") {
    host.start(message.slot, message.entry, JSON.stringify(message.kwargs || {}));
    keepOnceIdle();
  } else {
    host.receive(message.type, message.comm_id, message.msg_id, message.data);
  }
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "boot") {
    boot(message.files, message.lock, message.modules || []).catch((error) => say({ type: "error", message: String(error && error.message || error) }));
  } else if (host) {
    handle(message);
  } else {
    queue.push(message);
  }
};
