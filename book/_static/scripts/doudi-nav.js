// Chapter list and page contents on every screen (book/_ext/doudi_ui.py adds this script).
// The themes open the sidebars themselves: pydata-sphinx-theme moves a sidebar into a <dialog> on
// narrow screens, sphinx-book-theme hides the chapter list with a class on wide ones. This script
// only adds what a reader needs around that: a 关闭 button inside an opened list, the
// aria-expanded state of the two buttons, and the focus kept on a button used by keyboard.
(function () {
  "use strict";
  const WIDE = "(min-width: 992px)";

  function setUp() {
    const pairs = [
      [".primary-toggle", "pst-primary-sidebar", "pst-primary-sidebar-modal", "关闭章节目录"],
      [".secondary-toggle", "pst-secondary-sidebar", "pst-secondary-sidebar-modal", "关闭本页内容"],
    ];
    for (const [selector, sidebarId, dialogId, closeLabel] of pairs) {
      const button = document.querySelector(selector);
      const sidebar = document.getElementById(sidebarId);
      const dialog = document.getElementById(dialogId);
      if (!button || !sidebar || !dialog) continue;

      // A close button at the top of the list; shown only while the list is an open dialog
      // (doudi.css). It lives in the sidebar, so the theme moves it with the list.
      const close = document.createElement("button");
      close.type = "button";
      close.className = "doudi-close-sidebar";
      close.setAttribute("aria-label", closeLabel);
      close.innerHTML = '<span aria-hidden="true">×</span> 关闭';
      close.addEventListener("click", () => dialog.close());
      sidebar.prepend(close);

      const expanded = () => {
        if (dialog.open) return true;
        if (selector === ".primary-toggle" && window.matchMedia(WIDE).matches) {
          return !sidebar.classList.contains("pst-sidebar-hidden");
        }
        return false;
      };
      const update = () => button.setAttribute("aria-expanded", String(expanded()));
      // The themes' handlers stop the click from reaching other listeners on a wide screen, so
      // watch what they change: the dialog's open attribute and the sidebar's classes.
      const watch = new MutationObserver(update);
      watch.observe(dialog, {attributes: true, attributeFilter: ["open"]});
      watch.observe(sidebar, {attributes: true, attributeFilter: ["class"]});
      window.matchMedia(WIDE).addEventListener("change", update);
      update();
      // sphinx-book-theme blurs the button on click (to hide its tooltip), so closing the dialog
      // would leave the focus nowhere: give it back to the button that opened the list.
      // The same blur after Enter or Space would make the next key press go nowhere: a keyboard
      // reader toggling the chapter list on a wide screen keeps the focus on the button.
      button.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          setTimeout(() => { if (!dialog.open) button.focus(); }, 0);
        }
      });
      dialog.addEventListener("close", () => setTimeout(() => {
        if (!document.activeElement || document.activeElement === document.body) button.focus();
      }, 0));
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
