// Progressive enhancement for every page: panels that fold on phones (<details class="fold">) start open on wide
// screens, so that browsers without ::details-content show them, and screen readers hear them as open.
(function () {
  var wide = window.matchMedia("(min-width: 48.0625rem)");
  function unfold() {
    document.querySelectorAll("details.fold").forEach(function (panel) { panel.open = wide.matches || panel.open; });
  }
  unfold();
  wide.addEventListener("change", unfold);
})();
