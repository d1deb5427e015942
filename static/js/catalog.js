// Progressive enhancement for catalog pages: select the share link's text on focus.
document.querySelectorAll(".share-url").forEach(function (input) {
  input.addEventListener("focus", function () { input.select(); });
});
