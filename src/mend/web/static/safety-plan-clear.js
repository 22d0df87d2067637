/* Signed out: delete the copy of the safety plan kept on this device for
 * offline reading, so the next person using this phone cannot read it. */
(function () {
  "use strict";
  if (!("caches" in window)) return;
  caches
    .keys()
    .then(function (names) {
      return Promise.all(
        names
          .filter(function (name) {
            return name.indexOf("mend-safety-plan") === 0;
          })
          .map(function (name) {
            return caches.delete(name);
          })
      );
    })
    .catch(function () {});
})();
