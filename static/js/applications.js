// Progressive enhancement of the application form: show only the applicant fields of the chosen type.
// Without JavaScript both groups stay visible and the server ignores the other group.
(function () {
  "use strict";
  var form = document.querySelector(".apply-form");
  if (!form) { return; }
  function update() {
    var checked = form.querySelector("input[name='applicant_type']:checked");
    var natural = !checked || checked.value === "natural";
    form.querySelector("[data-applicant='natural']").classList.toggle("applicant-hidden", !natural);
    form.querySelector("[data-applicant='organization']").classList.toggle("applicant-hidden", natural);
  }
  form.addEventListener("change", function (event) {
    if (event.target.name === "applicant_type") { update(); }
  });
  update();
})();
