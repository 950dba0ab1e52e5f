// The live calculators on a static page: a small ipywidgets manager that renders the widgets
// Python creates in the Web Worker (runtime/src/worker.js + runtime/doudi_host.py).
//
// The worker was started by the page's <head> (runtime/src/boot.js) and its messages queued in
// window.doudiLive.queue until this bundle arrives. Each message is one Jupyter comm message as
// JSON; this file turns them into models and views with @jupyter-widgets/base-manager, and sends
// what the reader changes back to Python. No kernel, no JupyterLab, nothing from another host.
import { ManagerBase } from "@jupyter-widgets/base-manager";
import * as base from "@jupyter-widgets/base";
import * as controls from "@jupyter-widgets/controls";
import { Widget } from "@lumino/widgets";
import "@jupyter-widgets/controls/css/widgets.css";
import "./page.css";

const MODULES = { "@jupyter-widgets/base": base, "@jupyter-widgets/controls": controls };

// A comm whose other end is a comm of the `comm` package in the worker (doudi_host.PageComm).
class WorkerComm {
  constructor(bridge, commId, targetName) {
    this.bridge = bridge;
    this.comm_id = commId;
    this.target_name = targetName;
    this.onMsg = null;
    this.onClose = null;
    this.early = [];  // messages that arrive before the model has subscribed
  }

  open() {
    throw new Error("widgets are created by Python, not by the page");
  }

  send(data, callbacks) {
    return this.bridge.send("comm_msg", this.comm_id, data, callbacks);
  }

  close(data, callbacks) {
    return this.bridge.send("comm_close", this.comm_id, data || {}, callbacks);
  }

  on_msg(callback) {
    this.onMsg = callback;
    for (const msg of this.early.splice(0)) callback(msg);
  }

  on_close(callback) {
    this.onClose = callback;
  }

  receive(msg) {
    if (this.onMsg) this.onMsg(msg);
    else this.early.push(msg);
  }
}

class PageManager extends ManagerBase {
  constructor(bridge) {
    super();
    this.bridge = bridge;
  }

  async loadClass(className, moduleName) {
    const module = MODULES[moduleName];
    if (!module || !module[className]) {
      throw new Error(`${moduleName}.${className} is not part of this site's widget manager`);
    }
    return module[className];
  }

  _create_comm() {
    return Promise.reject(new Error("widgets are created by Python, not by the page"));
  }

  _get_comm_info() {
    return Promise.resolve({});
  }

  // Descriptions that allow HTML are shown as text: the calculators use none, and the HTML
  // sanitizer it would need is left out of the bundle (no-sanitize-html.js).
  inline_sanitize(source) {
    const text = document.createElement("span");
    text.textContent = source;
    return text.innerHTML;
  }
}

// One per page: owns the worker, the comms and the slots calculators are shown in.
class Bridge {
  constructor(live) {
    this.live = live;
    this.worker = live.worker;
    this.manager = new PageManager(this);
    this.comms = new Map();
    this.pending = new Map();  // msg_id -> callbacks, answered by the worker's "idle"
    this.counter = 0;
  }

  // Binary buffers go only from Python to the page (none of the standard controls the
  // calculators use sends any from the page), so a message to Python is its JSON alone.
  send(type, commId, data, callbacks) {
    const msgId = `page-${++this.counter}`;
    if (callbacks) this.pending.set(msgId, callbacks);
    this.worker.postMessage({ type, comm_id: commId, msg_id: msgId, data: JSON.stringify(data) });
    return msgId;
  }

  async handle(message) {
    const msg = typeof message.text === "string" ? JSON.parse(message.text) : message;
    const buffers = message.buffers || [];
    switch (msg.type) {
      case "comm_open": {
        const comm = new WorkerComm(this, msg.comm_id, msg.target_name);
        this.comms.set(msg.comm_id, comm);
        await this.manager.handle_comm_open(comm, {
          content: { comm_id: msg.comm_id, target_name: msg.target_name, data: msg.data },
          metadata: msg.metadata || {}, buffers,
        });
        break;
      }
      case "comm_msg": {
        const comm = this.comms.get(msg.comm_id);
        if (comm) comm.receive({ content: { comm_id: msg.comm_id, data: msg.data }, metadata: msg.metadata || {}, buffers });
        break;
      }
      case "comm_close": {
        const comm = this.comms.get(msg.comm_id);
        this.comms.delete(msg.comm_id);
        if (comm && comm.onClose) comm.onClose({ content: { comm_id: msg.comm_id, data: msg.data } });
        break;
      }
      case "idle": {
        const callbacks = this.pending.get(msg.msg_id);
        this.pending.delete(msg.msg_id);
        const status = callbacks && callbacks.iopub && callbacks.iopub.status;
        if (status) status({ content: { execution_state: "idle" } });
        break;
      }
      case "display":
        await this.display(msg.slot, msg.model_id);
        break;
      default:
        this.live.status(msg);  // progress, ready, error: the boot script shows them
    }
  }

  async display(slotId, modelId) {
    const slot = document.getElementById(slotId);
    const model = await this.manager.get_model(modelId);
    const view = await this.manager.create_view(model);
    slot.textContent = "";
    numberKeyboards(slot);
    Widget.attach(view.luminoWidget, slot);
    slot.closest(".doudi-live").classList.add("doudi-live-ready");
    this.live.shown(slotId);
  }
}

// ipywidgets has no input mode: a text box the calculator marks as a number (class doudi-numeric)
// gets the phone's number keyboard, whenever it is drawn.
function numberKeyboards(slot) {
  const mark = () => slot.querySelectorAll(".doudi-numeric input:not([inputmode])")
    .forEach((input) => input.setAttribute("inputmode", "decimal"));
  // Views add their classes after they are in the page, hence the class attribute is watched too.
  new MutationObserver(mark).observe(slot, { childList: true, subtree: true, attributeFilter: ["class"] });
}

function start() {
  const live = window.doudiLive;
  if (!live) return;
  const bridge = new Bridge(live);
  // Messages sent to Python and not yet answered: 0 once the calculator has caught up (tests
  // wait for it, as a person waits to see the screen change, before the next tap).
  live.unanswered = () => bridge.pending.size;
  // Messages are handled strictly in order: a model must exist before its updates arrive.
  let chain = Promise.resolve();
  const take = (message) => {
    chain = chain.then(() => bridge.handle(message)).catch((error) => {
      console.error(error);
      live.status({ type: "error", message: String(error) });
    });
  };
  live.attach(take);
}

start();
