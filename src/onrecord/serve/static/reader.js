// onrecord reader: click a highlight for its details, click a speaker to focus on them.
// Article text is never parsed as HTML here: details are clones of server-rendered cards
// (already escaped), and nothing is assigned to innerHTML.
"use strict";

(function () {
  const text = document.getElementById("text");
  if (!text) return;
  const body = document.getElementById("details-body");
  const details = document.getElementById("details");
  const speakerOf = new Map();
  const confidenceOf = new Map();
  for (const card of document.querySelectorAll(".card[data-attr]")) {
    speakerOf.set(card.dataset.attr, card.dataset.speaker || "");
    confidenceOf.set(card.dataset.attr, Number(card.dataset.confidence || "1"));
  }

  function marksOf(id) {
    return text.querySelectorAll('mark[data-attr="' + CSS.escape(id) + '"]');
  }

  function select(id, scroll) {
    for (const m of text.querySelectorAll("mark.selected")) m.classList.remove("selected");
    const marks = marksOf(id);
    for (const m of marks) m.classList.add("selected");
    const card = document.getElementById("card-" + id);
    if (card && body) {
      const copy = card.cloneNode(true);
      copy.removeAttribute("id");
      copy.hidden = false;
      body.replaceChildren(copy);
      details.classList.add("open");
    }
    if (scroll && marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  text.addEventListener("click", function (event) {
    const mark = event.target.closest("mark[data-attr]");
    if (mark) select(mark.dataset.attr, false);
  });
  text.addEventListener("keydown", function (event) {
    const mark = event.target.closest("mark[data-attr]");
    if (mark && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(mark.dataset.attr, false);
    }
  });

  // Links inside cards ("A3 in the text", "Inside A1") select what they point at.
  document.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-select]");
    if (!link) return;
    event.preventDefault();
    history.replaceState(null, "", "#attr-" + link.dataset.select);
    select(link.dataset.select, true);
  });

  const close = document.getElementById("details-close");
  if (close) close.addEventListener("click", function () { details.classList.remove("open"); });

  let focused = null;
  function focusSpeaker(key) {
    focused = focused === key ? null : key;
    document.body.classList.toggle("focus", focused !== null);
    for (const m of text.querySelectorAll("mark[data-attr]")) {
      m.classList.toggle("faded", focused !== null && speakerOf.get(m.dataset.attr) !== focused);
    }
    for (const b of document.querySelectorAll("button.speaker")) {
      b.setAttribute("aria-pressed", String(b.dataset.speaker === focused));
    }
  }
  for (const b of document.querySelectorAll("button.speaker")) {
    b.addEventListener("click", function () { focusSpeaker(b.dataset.speaker); });
  }

  // Precision over recall: attributions under the chosen confidence lose their highlight and
  // their card, as `--min-confidence` drops them from the record.
  const least = document.getElementById("min-confidence");
  const shownCount = document.getElementById("shown-count");
  function applyLeast() {
    const cut = Number(least.value);
    const unsure = (id) => (confidenceOf.get(id) ?? 1) < cut;
    for (const m of text.querySelectorAll("mark[data-attr]")) {
      m.classList.toggle("unsure", unsure(m.dataset.attr));
    }
    let shown = 0;
    for (const card of document.querySelectorAll("#cards .card[data-attr]")) {
      const hide = unsure(card.dataset.attr);
      card.hidden = hide;
      if (!hide) shown += 1;
    }
    if (shownCount) shownCount.textContent = cut > 0 ? shown + " of " + confidenceOf.size : "";
  }
  if (least) {
    least.addEventListener("change", applyLeast);
    applyLeast(); // a browser may restore the last choice when the page is revisited
  }

  // Arriving from a speaker page or search result (#attr-A3): show that attribution.
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash.startsWith("attr-")) select(hash.slice(5), true);
})();
