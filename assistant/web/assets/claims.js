// claimtrace Claims view: a claim's button opens it on the right; a claimant on a chat
// source card opens the Claims tab with that speaker picked. Both write to a hidden box
// (the value carries a count so the same click twice is still news) that a handler reads.
(function () {
  var clicks = 0;
  function tell(boxId, value) {
    var box = document.querySelector("#" + boxId + " textarea, #" + boxId + " input");
    if (!box) return;
    clicks += 1;
    box.value = value + ":" + clicks;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  function claimsTab() {
    var tab = document.getElementById("ct-claims-tab-button");
    if (tab) return tab;
    return Array.prototype.find.call(document.querySelectorAll("button[role=tab]"), function (b) {
      return b.textContent.trim() === "Claims";
    });
  }
  document.addEventListener("click", function (event) {
    var target = event.target && event.target.closest ? event.target : null;
    if (!target) return;
    var pick = target.closest("button.ct-claim-pick");
    if (pick) {
      event.preventDefault();
      document.querySelectorAll(".ct-claim-row.ct-marked").forEach(function (el) {
        el.classList.remove("ct-marked");
      });
      var row = pick.closest(".ct-claim-row");
      if (row) row.classList.add("ct-marked");
      tell("ct-claims-open", pick.getAttribute("data-claim"));
      return;
    }
    var who = target.closest("a.ct-speaker-link");
    if (who) {
      event.preventDefault();
      var tab = claimsTab();
      if (tab) tab.click();
      var id = who.getAttribute("data-speaker");
      setTimeout(function () { tell("ct-claims-goto", id); }, 50);
    }
  }, true);
})();
