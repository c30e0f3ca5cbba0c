// Fill the "Record as concern" quote with the text selected in the item's body (the textarea stays usable without JS).
document.addEventListener("mouseup", () => {
  const body = document.querySelector(".ev-body");
  const box = document.getElementById("concern-quote");
  const sel = window.getSelection();
  if (!body || !box || !sel || sel.isCollapsed || !body.contains(sel.anchorNode)) return;
  const text = sel.toString().trim();
  if (text) box.value = text.slice(0, 5000);
});
