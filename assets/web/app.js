// hostmatch pages: small enhancements only; every page works without this file.
// Forms marked data-confirm ask before they post (account deletion, removing a rule).
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

/* == profiles == */
// Pickers (templates/pickers/macros.html): a search box that filters a list as one
// types (either language), the live list of what is selected, a region that ticks its
// countries, and rows of a list of objects added or removed.
(function () {
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function showSelected(picker) {
    var out = picker.querySelector("[data-picker-selected]");
    if (!out) { return; }
    var names = [];
    each(picker.querySelectorAll("input[data-label]:checked"), function (i) {
      names.push(i.getAttribute("data-label"));
    });
    out.textContent = names.length ? names.join("; ") : out.getAttribute("data-none");
  }

  function filter(input) {
    var box = input.closest("[data-picker-search-box]");
    var list = box && box.parentNode.querySelector("[data-picker-list]");
    if (!list) { return; }
    var q = input.value.trim().toLowerCase();
    var items = list.querySelectorAll("li[data-search]");
    var found = 0;
    each(items, function (li) {
      if (!q) {
        li.hidden = false;
        return;
      }
      li.hidden = true;
    });
    each(list.querySelectorAll("details"), function (d) {
      if (!d.hasAttribute("data-was")) { d.setAttribute("data-was", d.open ? "open" : ""); }
      if (!q) { d.open = d.getAttribute("data-was") === "open"; }
    });
    if (q) {
      each(items, function (li) {
        if (li.getAttribute("data-search").indexOf(q) < 0) { return; }
        found += 1;
        li.hidden = false;
        each(li.querySelectorAll("li"), function (child) { child.hidden = false; });
        var up = li.parentNode;
        while (up && up !== list) {
          if (up.tagName === "LI") { up.hidden = false; }
          if (up.tagName === "DETAILS") { up.open = true; }
          up = up.parentNode;
        }
      });
    }
    var none = box.querySelector("[data-picker-nothing]");
    if (none) { none.hidden = !q || found > 0; }
  }

  function syncRegion(picker, changed) {
    var region = changed.getAttribute("data-region");
    var boxes = picker.querySelectorAll("input[data-label]");
    if (region !== null) {
      var codes = region.split(" ");
      each(boxes, function (b) {
        if (codes.indexOf(b.value) >= 0) { b.checked = changed.checked; }
      });
    }
    var ticked = {};
    each(boxes, function (b) { if (b.checked) { ticked[b.value] = true; } });
    each(picker.querySelectorAll("input[data-region]"), function (r) {
      r.checked = r.getAttribute("data-region").split(" ").every(function (c) { return ticked[c]; });
    });
  }

  function renumber(row, n) {
    each(row.querySelectorAll("[name],[id],[for],[aria-describedby]"), function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (a) {
        var v = el.getAttribute(a);
        if (v) { el.setAttribute(a, v.replace(/\.\d+\./, "." + n + ".")); }
      });
    });
  }

  function addRow(group) {
    var rows = group.querySelectorAll("[data-row]");
    var last = rows[rows.length - 1];
    if (!last) { return; }
    var max = -1;
    each(group.querySelectorAll("[name]"), function (el) {
      var m = /\.(\d+)\./.exec(el.getAttribute("name"));
      if (m) { max = Math.max(max, parseInt(m[1], 10)); }
    });
    var row = last.cloneNode(true);
    renumber(row, max + 1);
    row.classList.remove("invalid");
    each(row.querySelectorAll(".error"), function (e) { e.remove(); });
    each(row.querySelectorAll(".invalid"), function (e) { e.classList.remove("invalid"); });
    each(row.querySelectorAll("[aria-invalid]"), function (e) { e.removeAttribute("aria-invalid"); });
    each(row.querySelectorAll("input"), function (i) { i.value = ""; });
    each(row.querySelectorAll("select"), function (s) { s.selectedIndex = 0; });
    var title = row.querySelector(".row-title");
    if (title) { title.textContent = title.textContent.replace(/\d+/, String(rows.length + 1)); }
    last.parentNode.insertBefore(row, last.nextSibling);
    var first = row.querySelector("select, input");
    if (first) { first.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    each(document.querySelectorAll("[data-picker-search-box]"), function (b) { b.hidden = false; });
    each(document.querySelectorAll("[data-add-row], [data-remove-row]"), function (b) { b.hidden = false; });
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-picker-search]")) { filter(event.target); }
  });
  document.addEventListener("keydown", function (event) {
    // Enter in a search box filters; it does not send the form half filled.
    if (event.key === "Enter" && event.target.matches && event.target.matches("[data-picker-search]")) {
      event.preventDefault();
    }
  });
  document.addEventListener("change", function (event) {
    var picker = event.target.closest && event.target.closest("[data-picker]");
    if (!picker || event.target.type === "search") { return; }
    syncRegion(picker, event.target);
    showSelected(picker);
  });
  document.addEventListener("click", function (event) {
    var t = event.target;
    if (!t.closest) { return; }
    var add = t.closest("[data-add-row]");
    if (add) { addRow(add.closest("[data-rows]")); return; }
    var remove = t.closest("[data-remove-row]");
    if (remove) {
      var row = remove.closest("[data-row]");
      var group = row.closest("[data-rows]");
      if (group.querySelectorAll("[data-row]").length > 1) {
        row.remove();
      } else {
        each(row.querySelectorAll("input"), function (i) { i.value = ""; });
        each(row.querySelectorAll("select"), function (s) { s.selectedIndex = 0; });
      }
    }
  });
})();
