/* My safety plan, readable offline: register the worker that keeps a copy of
 * this page (and nothing else) on this device. Without it the page still works. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register("/safety-plan-sw.js", { scope: "/safety-plan" })
    .catch(function () {});
})();
