// Projection mode for village assemblies and trainings (book/_ext/doudi_ui.py adds this script).
//
// A page of the handbook becomes a slideshow drawn by reveal.js (vendored from npm by
// scripts/vendor_js.py into _static/vendor/reveal/, loaded only when the mode starts): one
// clause, one plain explanation, one worked example, one exercise or one chart per screen, in
// large type; a chart fills the screen's width, so its labels grow with it.
// reveal.js does the rest: ← → ↑ ↓, PageUp/PageDown and Space (what a presentation clicker
// sends), F for full screen, the progress bar and the scaling to the projector.
//
// Start: the 投影 button in the page's header, or the address with ?projection (a trainer can
// bookmark it). Leave: the 退出投影 button or Esc twice (the first Esc is reveal's overview).
(function () {
  "use strict";

  const PARAM = "projection";
  // Parts of a section a projected page leaves out: the parameter table and the code behind a rule.
  const LEFT_OUT = ["现行参数", "实现这一条的函数"];

  function root() {
    return document.documentElement.dataset.content_root
      || (typeof DOCUMENTATION_OPTIONS !== "undefined" && DOCUMENTATION_OPTIONS.URL_ROOT) || "";
  }

  function load(tag, attrs) {
    return new Promise((resolve, reject) => {
      const el = document.createElement(tag);
      Object.assign(el, attrs);
      el.onload = resolve;
      el.onerror = () => reject(new Error(`${attrs.src || attrs.href} did not load`));
      document.head.appendChild(el);
    });
  }

  // What starts a new screen inside a section: a quoted clause, or a paragraph that opens with
  // a bold label (白话解释, 算一算：…, 容易出错的地方, 现行参数 …).
  function label(node) {
    if (node.matches && node.matches("div.admonition.clause")) return "原文";
    if (node.tagName === "P" && node.firstElementChild && node.firstElementChild.tagName === "STRONG"
        && node.firstChild === node.firstElementChild) {
      return node.firstElementChild.textContent.trim();
    }
    return null;
  }

  function cleaned(node) {
    const copy = node.cloneNode(true);
    copy.querySelectorAll("a.headerlink, .cell_input, details.hide.above-input, .doudi-live, script, "
      + "[id^='pst-']").forEach((el) => el.remove());
    copy.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    return copy;
  }

  function slide(heading, nodes, kind) {
    const section = document.createElement("section");
    section.className = `doudi-slide doudi-slide-${kind}`;
    if (heading) {
      const h = document.createElement("h2");
      h.className = "doudi-slide-heading";
      h.textContent = heading;
      section.appendChild(h);
    }
    nodes.forEach((node) => section.appendChild(cleaned(node)));
    return section;
  }

  // The screens of a page: a title screen, then for each section its clause, its explanation,
  // each worked example … (each exercise of an exercises page is one screen).
  function buildSlides(article) {
    const slides = [];
    const title = article.querySelector("h1");
    const first = document.createElement("section");
    first.className = "doudi-slide doudi-slide-title";
    first.innerHTML = `<h1></h1><p class="doudi-slide-hint">← → 或翻页笔翻页　F 全屏　Esc 两次退出</p>`;
    first.querySelector("h1").textContent = title ? title.textContent.replace("#", "").trim() : document.title;
    slides.push(first);
    for (const section of article.querySelectorAll("section")) {
      const heading = section.querySelector(":scope > h2, :scope > h3");
      if (!heading) continue;
      const headingText = heading.textContent.replace("#", "").trim();
      const chunks = [];
      let current = null;
      for (const child of section.children) {
        if (child === heading || child.tagName === "SECTION" || child.tagName === "SPAN") continue;
        const found = label(child);
        if (found !== null || current === null) {
          current = {label: found || "", nodes: []};
          chunks.push(current);
        }
        current.nodes.push(child);
      }
      for (const chunk of chunks) {
        if (LEFT_OUT.some((word) => chunk.label.startsWith(word))) continue;
        if (!chunk.nodes.some((node) => node.textContent.trim() || node.querySelector("svg, img, object"))) continue;
        const kind = chunk.label === "原文" ? "clause" : chunk.label.startsWith("算一算") ? "example" : "text";
        slides.push(slide(headingText, chunk.nodes, kind));
      }
    }
    // A dashboard page has no sections: its introduction, then one screen per chart.
    if (slides.length === 1) {
      const intro = [...article.querySelectorAll(":scope > section > p")].slice(0, 2);
      if (intro.length) slides.push(slide("", intro, "text"));
      article.querySelectorAll(".doudi-chart").forEach((chart) => slides.push(slide("", [chart], "chart")));
    }
    return slides;
  }

  async function start() {
    const article = document.querySelector("article.bd-article");
    if (!article || document.querySelector(".doudi-projection")) return;
    const base = `${root()}_static/vendor/reveal/`;
    await Promise.all([
      load("link", {rel: "stylesheet", href: `${base}reveal.css`}),
      typeof Reveal === "undefined" ? load("script", {src: `${base}reveal.js`}) : Promise.resolve(),
    ]);
    const overlay = document.createElement("div");
    overlay.className = "doudi-projection";
    overlay.setAttribute("lang", "zh-CN");
    overlay.innerHTML = '<div class="reveal"><div class="slides"></div></div>'
      + '<div class="doudi-projection-tools">'
      + '<button type="button" class="doudi-projection-fullscreen" aria-label="全屏">全屏</button>'
      + '<button type="button" class="doudi-projection-exit" aria-label="退出投影">退出投影</button></div>';
    buildSlides(article).forEach((s) => overlay.querySelector(".slides").appendChild(s));
    document.body.appendChild(overlay);
    document.documentElement.classList.add("doudi-projecting");

    const deck = new Reveal(overlay.querySelector(".reveal"), {
      width: 1280, height: 720, margin: 0.04, minScale: 0.2, maxScale: 3,
      center: false, hash: false, history: false, controls: true, progress: true, slideNumber: "c/t",
      transition: "none", embedded: false, keyboard: true, overview: true,
      scrollActivationWidth: null,   // a phone keeps one screen at a time (reveal.js would scroll them below 435 px)
    });
    await deck.initialize();
    window.doudiProjection = deck;
    overlay.querySelector(".doudi-projection-exit").addEventListener("click", stop);
    overlay.querySelector(".doudi-projection-fullscreen").addEventListener("click", () => {
      const target = document.documentElement;
      if (document.fullscreenElement) document.exitFullscreen();
      else if (target.requestFullscreen) target.requestFullscreen();
    });
    // Esc on the overview (reveal opens it on the first Esc) leaves the projection.
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !deck.isOverview() && overlay.dataset.escaped === "1") stop();
      overlay.dataset.escaped = event.key === "Escape" ? "1" : "0";
    });
    const url = new URL(window.location.href);
    if (!url.searchParams.has(PARAM)) {
      url.searchParams.set(PARAM, "");
      history.replaceState(null, "", url.toString().replace(`${PARAM}=`, PARAM));
    }
  }

  function stop() {
    const url = new URL(window.location.href);
    url.searchParams.delete(PARAM);
    if (document.fullscreenElement) document.exitFullscreen();
    window.location.replace(url.toString());
  }

  function addButton() {
    const article = document.querySelector("article.bd-article");
    const buttons = document.querySelector(".article-header-buttons");
    if (!article || !buttons || !article.querySelector("section section, .doudi-chart")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm doudi-projection-button";
    button.title = "投影模式：一屏一条，适合开会和培训";
    button.setAttribute("aria-label", "投影模式");
    button.innerHTML = '<span class="fa-solid fa-display" aria-hidden="true"></span><span class="doudi-projection-label">投影</span>';
    button.addEventListener("click", () => start());
    buttons.prepend(button);
    if (new URL(window.location.href).searchParams.has(PARAM)) start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addButton);
  else addButton();
})();
