// Inlined into the <head> of every page with a live calculator (book/_ext/doudi_live.py), after
// `window.doudiRuntime = {base, files, wire, lock, modules}` (where the runtime is, its files' sizes,
// the bytes it costs on the wire, Pyodide's lock information and the page's calculator modules). It
// - starts the Python worker at once, or, when the browser asks to save data, on a tap on the
//   button it shows (the quick estimate needs no download);
// - answers the quick estimate from the table the engine wrote into the page at build time;
// - says what is loading and how far it has got, in each calculator's status line;
// - queues the worker's widget messages until the widget manager (page.js) has arrived.
(function () {
  "use strict";
  var runtime = window.doudiRuntime;
  var live = window.doudiLive = {
    worker: null, queue: [], take: null, marks: { start: performance.now() },
    attach: function (take) { live.take = take; live.queue.splice(0).forEach(take); },
    status: showStatus,
    shown: function (slot) {
      live.marks.shown = live.marks.shown || performance.now();
      var box = document.getElementById(slot).closest(".doudi-live");
      box.querySelector(".doudi-live-status").hidden = true;
    },
  };
  var MB = function (bytes) { return (bytes / 1048576).toFixed(1) + " MB"; };

  function boxes() { return Array.prototype.slice.call(document.querySelectorAll(".doudi-live")); }

  function say(text, fraction) {
    boxes().forEach(function (box) {
      var status = box.querySelector(".doudi-live-status");
      if (!status || status.hidden) return;
      status.querySelector(".doudi-live-text").textContent = text;
      var bar = status.querySelector("progress");
      if (fraction === undefined) bar.removeAttribute("value"); else bar.value = fraction;
    });
  }

  function showStatus(message) {
    if (message.type === "progress" && message.stage === "download") {
      var share = message.loaded / message.total;
      say("正在下载完整计算器：" + Math.floor(share * 100) + "%（共约 " + MB(runtime.wire) + "）", share);
    } else if (message.type === "progress" && message.stage === "python") {
      live.marks.downloaded = performance.now();
      say("下载完成，正在启动计算程序……");
    } else if (message.type === "progress") {
      live.marks.python = performance.now();
      live.restored = Boolean(message.restored);   // started from the start kept by an earlier visit
      say("正在打开计算器……");
    } else if (message.type === "error") {
      console.error(message.message);
      boxes().forEach(function (box) {
        box.classList.add("doudi-live-failed");
        box.querySelector(".doudi-live-status").hidden = false;
      });
      say(live.marks.shown ? "计算时出了错，请刷新页面再试；上面的快速估算仍可使用。"
        : "完整计算器没能启动。上面的快速估算仍可使用；请检查网络后刷新页面再试。");
    }
  }

  function startCalculators() {
    live.marks.ready = performance.now();
    boxes().forEach(function (box, index) {
      var slot = box.querySelector(".doudi-live-slot");
      slot.id = slot.id || "doudi-live-" + index;
      var kwargs = {};
      if (box.dataset.share) {
        kwargs.fragment = location.hash;
        kwargs.page_url = location.href.split("#")[0];
      }
      var quick = box.querySelector(".doudi-quick");
      if (quick && quick.dataset.size) {
        kwargs.size = Number(quick.dataset.size);
        if (quick.dataset.income) kwargs.monthly_income = quick.dataset.income;
      }
      live.worker.postMessage({ type: "start", slot: slot.id, entry: box.dataset.entry, kwargs: kwargs });
    });
  }

  function startWorker() {
    if (live.worker) return;
    say("正在下载完整计算器……");
    try {
      live.worker = new Worker(runtime.base + "worker.js", { type: "module" });
    } catch (error) {   // a browser too old for module workers: the quick estimate still answers
      document.addEventListener("DOMContentLoaded", function () {
        showStatus({ type: "error", message: String(error) });
      });
      return;
    }
    live.worker.onmessage = function (event) {
      var message = event.data;
      if (message.text !== undefined) {
        if (live.take) live.take(message); else live.queue.push(message);
        return;
      }
      if (message.type === "ready") startCalculators();
      showStatus(message);
    };
    live.worker.onerror = function (event) { showStatus({ type: "error", message: event.message }); };
    live.worker.postMessage({ type: "boot", files: runtime.files, lock: runtime.lock, modules: runtime.modules });
  }

  // -- the quick estimate: a look-up in the engine's table (calculators/estimate_table.py) ----
  function quickAnswer(table, size, income) {
    var runs = table.sizes[String(size)];
    var found = runs[0];
    for (var i = 0; i < runs.length && runs[i][0] <= income; i++) found = runs[i];
    return found;
  }

  // Called by a script right after each quick form (book/_ext/doudi_live.py), so the form answers
  // as soon as it is on the screen, without waiting for the rest of the page.
  live.quick = function (tableId) {
    quickForm(document.querySelector('.doudi-quick[data-table="' + tableId + '"]'));
    live.marks.quickReady = live.marks.quickReady || performance.now();
  };

  function quickForm(form) {
    var table = JSON.parse(document.getElementById(form.dataset.table).textContent);
    var answer = form.querySelector(".doudi-quick-answer");
    var size = form.querySelector("[name=size]");
    var income = form.querySelector("[name=income]");
    var update = function () {
      live.marks.quick = live.marks.quick || performance.now();
      form.dataset.size = size.value;
      delete form.dataset.income;
      var text = income.value.trim();
      answer.classList.remove("doudi-quick-error");
      answer.removeAttribute("data-value");
      if (text === "") { answer.textContent = "请填写全家每月收入合计。"; return; }
      if (!/^\d+$/.test(text)) {
        answer.classList.add("doudi-quick-error");
        answer.textContent = "每月收入请填 0 或正的整数（元），不要填小数、负数或文字。";
        return;
      }
      form.dataset.income = text;
      var run = quickAnswer(table, size.value, Number(text));
      if (run[1] === null || run[1] === undefined) {
        answer.textContent = "按这个人数和收入，估算不符合低保条件：" + run[2] + "。";
        answer.setAttribute("data-value", "none");
      } else {
        answer.innerHTML = "估算每月低保金约 <strong></strong> 元（全家合计）。";
        answer.querySelector("strong").textContent = run[1];
        answer.setAttribute("data-value", run[1]);
      }
    };
    size.addEventListener("change", update);
    income.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    if (income.value) update();   // typed before this script ran
    var until = table.policy.valid_until;
    if (until && new Date().toISOString().slice(0, 10) > until) {
      form.querySelector(".doudi-quick-period").hidden = false;
    }
  }

  function whenSavingData() {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "doudi-live-load";
    button.textContent = "加载完整计算器（约 " + MB(runtime.wire) + "）";
    say("您的浏览器开启了省流量模式：完整计算器要下载约 " + MB(runtime.wire) + "，点下面的按钮才开始下载；快速估算不用下载。", 0);
    boxes().forEach(function (box) {
      box.querySelector(".doudi-live-status").appendChild(button.cloneNode(true));
    });
    document.addEventListener("click", function (event) {
      if (event.target.closest(".doudi-live-load")) startWorker();
    });
  }

  // A share link opened in a tab that already shows this page changes only the fragment: load the
  // page again, so that the calculator starts from the household the link carries. (Other
  // fragments are the page's own section anchors.)
  window.addEventListener("hashchange", function () {
    var box = document.querySelector(".doudi-live[data-share]");
    if (box && new RegExp("^#" + box.dataset.share + "\\d+=").test(location.hash)) location.reload();
  });

  var saveData = navigator.connection && navigator.connection.saveData;
  if (!saveData) startWorker();
  document.addEventListener("DOMContentLoaded", function () {
    if (saveData) whenSavingData();
  });
})();
