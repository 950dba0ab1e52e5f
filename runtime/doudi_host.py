"""The live calculators' host in the browser: ipywidgets with no kernel, inside a Web Worker.

ipywidgets speaks to its front end through the ``comm`` package, which lets a host choose the
comm class. Here each comm posts its messages to the page as JSON text (``doudiSend``, defined
by ``runtime/src/worker.js``), where a small widget manager (``runtime/src/page.js``) turns them
into models and views; the reader's changes come back through :func:`receive`. The calculators
themselves (``calculators.widgets``, ``calculators.ui``) are the same code Jupyter and Voila run.

After each message from the page the host answers ``idle`` with that message's id: the page's
widget models send at most one update at a time and wait for that answer (the Jupyter widget
protocol's throttle, normally fed by the kernel's status messages).
"""
from __future__ import annotations

import importlib
import json
import os
import traceback

# One reader, one page: the widgets need not echo each change back to its sender.
os.environ["JUPYTER_WIDGETS_ECHO"] = "0"

import comm  # noqa: E402  (after the environment above, before ipywidgets reads it)
from comm.base_comm import BaseComm  # noqa: E402
from js import doudiSend  # noqa: E402  (the worker's function that posts to the page)
from pyodide.ffi import to_js  # noqa: E402


def post(message: dict, buffers=None) -> None:
    text = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    if buffers:
        doudiSend(text, to_js([bytes(b) for b in buffers]))
    else:
        doudiSend(text)


class PageComm(BaseComm):
    """A comm whose other end is the page's widget manager."""

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        message = {"type": msg_type, "comm_id": self.comm_id, "data": data or {}, "metadata": metadata or {}}
        if msg_type == "comm_open":
            message["target_name"] = self.target_name
        post(message, buffers)


comm.create_comm = PageComm
import ipywidgets  # noqa: E402,F401  (imported after comm.create_comm is replaced)


def start(slot: str, entry: str, kwargs_json: str = "{}") -> None:
    """Build the calculator ``entry`` (``module:function``) and show it in the page element ``slot``."""
    module_name, function_name = entry.split(":")
    try:
        factory = getattr(importlib.import_module(module_name), function_name)
        widget = factory(**json.loads(kwargs_json))
    except Exception as error:  # the page says so in Chinese; the details go to the console
        traceback.print_exc()
        post({"type": "error", "slot": slot, "message": f"{type(error).__name__}: {error}"})
        return
    post({"type": "display", "slot": slot, "model_id": widget.model_id})


def receive(msg_type: str, comm_id: str, msg_id: str, data_json: str) -> None:
    """A message from the page for the comm ``comm_id``; answered ``idle`` whatever happens."""
    try:
        target = comm.get_comm_manager().get_comm(comm_id)
        if target is not None:
            msg = {"content": {"comm_id": comm_id, "data": json.loads(data_json)}, "metadata": {}, "buffers": [],
                   "header": {"msg_id": msg_id}}
            if msg_type == "comm_close":
                target.handle_close(msg)
            else:
                target.handle_msg(msg)
    except Exception as error:
        traceback.print_exc()
        post({"type": "error", "message": f"{type(error).__name__}: {error}"})
    finally:
        post({"type": "idle", "msg_id": msg_id})
